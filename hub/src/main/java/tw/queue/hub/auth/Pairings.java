package tw.queue.hub.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One-time codes a manager hands out so a kiosk or board browser can pair itself with the hub. A code is
 * eight digits, valid fifteen minutes, used once; wrong guesses are throttled so codes cannot be brute-forced.
 * Lives on the event loop; not persisted (an unused code simply lapses when the hub restarts).
 */
public final class Pairings {
    public static final Duration VALIDITY = Duration.ofMinutes(15);
    private static final int MAX_FAILURES_PER_MINUTE = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Pending(String code, Role role, String name, Instant expiresAt) {
    }

    private final Map<String, Pending> pending = new HashMap<>();
    private Instant windowStart = Instant.EPOCH;
    private int failures;

    public Pending create(Role role, String name, Instant now) {
        pending.values().removeIf(p -> p.expiresAt().isBefore(now));
        String code;
        do {
            code = String.format("%08d", RANDOM.nextInt(100_000_000));
        } while (pending.containsKey(code));
        Pending p = new Pending(code, role, name, now.plus(VALIDITY));
        pending.put(code, p);
        return p;
    }

    /** Too many wrong codes lately: refuse all claims for the rest of the minute. */
    public boolean throttled(Instant now) {
        if (Duration.between(windowStart, now).toSeconds() >= 60) {
            windowStart = now;
            failures = 0;
        }
        return failures >= MAX_FAILURES_PER_MINUTE;
    }

    /** Takes a code: the pairing it stands for, once, while it is valid. */
    public Optional<Pending> claim(String code, Instant now) {
        Pending p = pending.remove(code);
        if (p == null || p.expiresAt().isBefore(now)) {
            failures++;
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** A fresh device token: 256 random bits. */
    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
