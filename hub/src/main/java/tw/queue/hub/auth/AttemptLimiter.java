package tw.queue.hub.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed attempts (wrong passwords, wrong pairing codes) counted per key (a username, an address): a few are
 * free, then each further one makes the key wait a growing delay before the next attempt (doubling up to a
 * ceiling), and at a limit the key is locked out for a while. Failures are forgotten after a quiet spell.
 * Pure: the time is passed in. Not thread-safe: lives on the hub's event loop.
 */
public final class AttemptLimiter {
    /** Keys tracked at most (usernames are chosen by whoever asks): the least recently failed go first. */
    private static final int MAX_KEYS = 10_000;

    /**
     * @param free        failures that cost nothing
     * @param firstDelay  the wait after the first failure beyond the free ones; it doubles with each further one
     * @param maxDelay    the ceiling of that wait
     * @param lockAfter   failures at which the key is locked out
     * @param lockFor     how long a lock-out lasts
     * @param forgetAfter a key whose last failure is this old starts afresh
     */
    public record Policy(int free, Duration firstDelay, Duration maxDelay, int lockAfter, Duration lockFor,
                         Duration forgetAfter) {
        public Policy {
            if (free < 0 || lockAfter <= free) {
                throw new IllegalArgumentException("lockAfter must exceed the free failures");
            }
        }
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant notBefore;
    }

    private final Policy policy;
    /** In the order keys were last touched: past {@link #MAX_KEYS}, the one untouched longest goes. */
    private final Map<String, Failures> byKey = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public AttemptLimiter(Policy policy) {
        this.policy = policy;
    }

    public Policy policy() {
        return policy;
    }

    /** Empty when the key may try now; otherwise how long it must still wait. */
    public Optional<Duration> waitBefore(String key, Instant now) {
        Failures f = current(key, now);
        if (f == null || !now.isBefore(f.notBefore)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.notBefore));
    }

    /** Whether the key is locked out now (not merely made to wait). */
    public boolean lockedOut(String key, Instant now) {
        Failures f = current(key, now);
        return f != null && f.count >= policy.lockAfter() && now.isBefore(f.notBefore);
    }

    /** Counts a failure and sets the key's next allowed attempt. */
    public void failed(String key, Instant now) {
        Failures f = current(key, now);
        if (f == null) {
            f = new Failures();
            byKey.put(key, f);
        }
        f.count++;
        f.last = now;
        if (f.count >= policy.lockAfter()) {
            f.notBefore = now.plus(policy.lockFor());
        } else if (f.count > policy.free()) {
            int beyond = f.count - policy.free() - 1;
            Duration delay = policy.firstDelay().multipliedBy(1L << Math.min(beyond, 30));
            f.notBefore = now.plus(delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay);
        } else {
            f.notBefore = now;
        }
    }

    /** A success: the key starts afresh. */
    public void succeeded(String key) {
        byKey.remove(key);
    }

    /** The key's failures, or null when it has none worth keeping. */
    private Failures current(String key, Instant now) {
        Failures f = byKey.get(key);
        if (f != null && expired(f, now)) {
            byKey.remove(key);
            return null;
        }
        return f;
    }

    private boolean expired(Failures f, Instant now) {
        return !now.isBefore(f.notBefore) && !now.isBefore(f.last.plus(policy.forgetAfter()));
    }

    /** How many keys are being tracked (for tests and metrics). */
    public int tracked() {
        return byKey.size();
    }
}
