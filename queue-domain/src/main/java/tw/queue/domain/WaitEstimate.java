package tw.queue.domain;

import java.time.Instant;

/**
 * @param ahead how many will be called before this ticket ({@link QueuePosition})
 * @param seconds the expected wait, or null when no open counter serves it (no honest figure exists); for an
 *     online appointment not yet due, the time until its booked time
 * @param reserved of {@code ahead}, the places held for quick errands still to come
 * @param aheadChangedBecause the priority class of the latest one with a real claim that went before this
 *     ticket after it was issued ({@code appointment} for a due appointment), or null
 * @param aheadChangedAt when that happened, or null
 */
public record WaitEstimate(int ahead, Long seconds, int reserved, String aheadChangedBecause, Instant aheadChangedAt) {

    public WaitEstimate(int ahead, Long seconds) {
        this(ahead, seconds, 0, null, null);
    }

    /** When the ticket will be called, about: now + the expected wait (an appointment: its booked time). */
    public Instant calledAround(Instant now) {
        return seconds == null ? null : now.plusSeconds(seconds);
    }
}
