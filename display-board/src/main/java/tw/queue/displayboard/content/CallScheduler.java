package tw.queue.displayboard.content;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What a board shows and when, from calls, the announcement and the hub link; pure (the {@link Clock} is passed
 * in), driven by {@link #tick()}.
 *
 * <p>Calls faster than the board: the newest goes up at once; a call cut short before one full pass through its
 * languages (a "cycle") waits and follows, oldest first, and counts as shown only once it has had a full cycle.
 * A waiting call is dropped as stale when its counter calls again; an event seen before (a replay after a
 * reconnect) is ignored by its sequence number. With nothing waiting, a call repeats to its full hold time,
 * then the announcement returns.
 */
public final class CallScheduler {

    /** A call or recall as the board needs it. */
    public record Call(long seq, int number, int counter, String service, boolean recall) {
    }

    /** What is up now. */
    public sealed interface Showing {
        record Reconnecting() implements Showing {
        }

        record CallUp(Call call) implements Showing {
        }

        record Announcement(Map<String, String> texts) implements Showing {
        }

        record Blank() implements Showing {
        }
    }

    private final Clock clock;
    private final Duration cycle;
    private final Duration hold;
    private final Deque<Call> waiting = new ArrayDeque<>();
    private final List<Call> shown = new ArrayList<>();
    private final List<Call> dropped = new ArrayList<>();
    private Call current;
    /** When the current call went on the board (handed out by {@link #tick()}); null until then. */
    private Instant currentSince;
    private boolean currentCounted;
    private long lastSeq = Long.MIN_VALUE;
    private boolean linkUp;
    private Map<String, String> announcement = Map.of();

    /**
     * @param cycle one pass through a call's languages: the least time a call must be up to count as shown
     * @param repeats how many cycles a call stays up when nothing else waits
     */
    public CallScheduler(Clock clock, Duration cycle, int repeats) {
        if (cycle.isNegative() || cycle.isZero() || repeats < 1) {
            throw new IllegalArgumentException("cycle " + cycle + ", repeats " + repeats);
        }
        this.clock = clock;
        this.cycle = cycle;
        this.hold = cycle.multipliedBy(repeats);
    }

    /** Takes a call; false if it was seen before (same or older sequence number). */
    public synchronized boolean offer(Call call) {
        if (call.seq() <= lastSeq) {
            return false;
        }
        lastSeq = call.seq();
        waiting.removeIf(w -> {
            boolean stale = w.counter() == call.counter();
            if (stale) {
                dropped.add(w);
            }
            return stale;
        });
        Instant now = clock.instant();
        if (current != null) {
            countIfCycled(now);
            if (current.counter() == call.counter()) {
                if (!currentCounted) {
                    dropped.add(current);
                }
            } else if (!currentCounted) {
                waiting.addLast(current);
            }
        }
        current = call;
        currentSince = null;
        currentCounted = false;
        return true;
    }

    /** Moves the sequence on without a call (events a board does not show), so replays stay recognisable. */
    public synchronized void seen(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }

    public synchronized void announcement(Map<String, String> texts) {
        this.announcement = texts == null ? Map.of() : Map.copyOf(texts);
    }

    public synchronized void link(boolean up) {
        this.linkUp = up;
    }

    /**
     * Advances to the current time and tells what is up; the caller puts it on the board now. A call's time on
     * the board counts from the first tick that hands it out, not from its arrival, so a board that was busy
     * (a slow line) still gives every call its full time.
     */
    public synchronized Showing tick() {
        Instant now = clock.instant();
        if (current != null && currentSince != null) {
            countIfCycled(now);
            Duration up = Duration.between(currentSince, now);
            if (currentCounted && !waiting.isEmpty()) {
                current = waiting.pollFirst();
                currentSince = null;
                currentCounted = false;
            } else if (up.compareTo(hold) >= 0) {
                current = null;
            }
        }
        Showing s = showing();
        if (s instanceof Showing.CallUp && currentSince == null) {
            currentSince = now;
        }
        return s;
    }

    public synchronized Showing showing() {
        if (!linkUp) {
            return new Showing.Reconnecting();
        }
        if (current != null) {
            return new Showing.CallUp(current);
        }
        boolean any = announcement.values().stream().anyMatch(t -> t != null && !t.isBlank());
        return any ? new Showing.Announcement(announcement) : new Showing.Blank();
    }

    /** Calls that have had a full cycle on the board, in the order they had it. */
    public synchronized List<Call> shown() {
        return List.copyOf(shown);
    }

    /** Calls dropped unshown because their counter called again first. */
    public synchronized List<Call> dropped() {
        return List.copyOf(dropped);
    }

    public synchronized List<Call> waiting() {
        return List.copyOf(waiting);
    }

    private void countIfCycled(Instant now) {
        if (!currentCounted && currentSince != null && Duration.between(currentSince, now).compareTo(cycle) >= 0) {
            currentCounted = true;
            shown.add(current);
        }
    }
}
