package tw.queue.device.gpio;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Turns a button's raw edges into presses, in our code (Pi4J's mock applies no debounce, and kernel debounce
 * differs between gpiod and the old driver). Leading edge: a press counts at once, then
 * <ul>
 *   <li>a closing contact within {@code debounceMillis} of the last accepted change is contact bounce;</li>
 *   <li>a press while the button has not been released is a held button (no auto-repeat);</li>
 *   <li>a press within {@code lockoutMillis} of the last accepted one is ignored (a double press);</li>
 *   <li>more than {@code perMinute} presses in any 60 s are ignored (a hammered button).</li>
 * </ul>
 * Time comes from the given clock (milliseconds), so tests drive it. Not thread-safe: one per button, fed by
 * one listener.
 */
public final class PressFilter {
    public enum Verdict { PRESS, RELEASE, BOUNCE, HELD, LOCKED_OUT, OVER_LIMIT }

    private final LongSupplier clockMillis;
    private final long debounceMillis;
    private final long lockoutMillis;
    private final int perMinute;
    private final ArrayDeque<Long> recentPresses = new ArrayDeque<>();
    private boolean down;
    private long lastChangeAt = Long.MIN_VALUE / 2;
    private long lastPressAt = Long.MIN_VALUE / 2;

    public PressFilter(LongSupplier clockMillis, long debounceMillis, long lockoutMillis, int perMinute) {
        this.clockMillis = clockMillis;
        this.debounceMillis = debounceMillis;
        this.lockoutMillis = lockoutMillis;
        this.perMinute = perMinute;
    }

    /** One raw edge: {@code pressed} true when the contact closed. */
    public Verdict edge(boolean pressed) {
        long now = clockMillis.getAsLong();
        if (!pressed) {
            // a release always counts, so a tap shorter than the debounce time does not leave the button "held"
            if (!down) {
                return Verdict.BOUNCE;
            }
            down = false;
            lastChangeAt = now;
            return Verdict.RELEASE;
        }
        if (now - lastChangeAt < debounceMillis) {
            return Verdict.BOUNCE;
        }
        if (down) {
            return Verdict.HELD;
        }
        down = true;
        lastChangeAt = now;
        if (now - lastPressAt < lockoutMillis) {
            return Verdict.LOCKED_OUT;
        }
        while (!recentPresses.isEmpty() && now - recentPresses.peekFirst() >= 60_000) {
            recentPresses.removeFirst();
        }
        if (recentPresses.size() >= perMinute) {
            return Verdict.OVER_LIMIT;
        }
        recentPresses.addLast(now);
        lastPressAt = now;
        return Verdict.PRESS;
    }
}
