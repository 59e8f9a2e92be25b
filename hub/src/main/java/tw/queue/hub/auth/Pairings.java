package tw.queue.hub.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One-time codes a manager hands out so a kiosk or board browser can pair itself with the hub. A code is
 * eight digits, valid fifteen minutes, used once; wrong guesses are limited per address (by the caller, with an
 * {@link AttemptLimiter}) so codes cannot be brute-forced and a stranger's guesses block no one else.
 * Lives on the event loop; not persisted (an unused code simply lapses when the hub restarts).
 */
public final class Pairings {
    public static final Duration VALIDITY = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Pending(String code, Role role, String name, Instant expiresAt) {
    }

    private final Map<String, Pending> pending = new HashMap<>();

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

    /** Takes a code: the pairing it stands for, once, while it is valid. */
    public Optional<Pending> claim(String code, Instant now) {
        Pending p = pending.remove(code);
        if (p == null || p.expiresAt().isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** A paired device's id: its name and random characters of their own (an id is shown, so nothing of the token). */
    public static String newDeviceId(String name) {
        return name + "-" + java.util.HexFormat.of().formatHex(bytes(4));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A fresh device token: 256 random bits. */
    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
