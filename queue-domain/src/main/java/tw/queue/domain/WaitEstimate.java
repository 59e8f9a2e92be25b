package tw.queue.domain;

/**
 * @param ahead how many will be called before this ticket
 * @param seconds the expected wait, or null when no open counter serves it (no honest figure exists)
 */
public record WaitEstimate(int ahead, Long seconds) {
}
