package tw.queue.config;

import java.time.Duration;

/**
 * How counters may act, against a double press and against a no-show called too early.
 *
 * @param callNextGuard call-next is refused while the ticket at the counter was called less than this ago
 *                      (a second press of the button, a held key); finishing it first lifts the guard
 * @param noShowAfter a called citizen is given this long to walk to the counter before a no-show is allowed
 */
public record CounterRules(Duration callNextGuard, Duration noShowAfter) {
    public static final int DEFAULT_CALL_NEXT_GUARD_SECONDS = 10;
    public static final int DEFAULT_NO_SHOW_AFTER_SECONDS = 30;
    /** The largest value either rule may take (ten minutes): anything longer is a typing error. */
    public static final int MAX_SECONDS = 600;

    public static final CounterRules DEFAULT = new CounterRules(
            Duration.ofSeconds(DEFAULT_CALL_NEXT_GUARD_SECONDS), Duration.ofSeconds(DEFAULT_NO_SHOW_AFTER_SECONDS));

    /** No guard and no wait: for tests about something else, and for offices that want none. */
    public static final CounterRules NONE = new CounterRules(Duration.ZERO, Duration.ZERO);

    public CounterRules {
        if (callNextGuard.isNegative() || noShowAfter.isNegative()) {
            throw new IllegalArgumentException("counter rules cannot be negative");
        }
    }
}
