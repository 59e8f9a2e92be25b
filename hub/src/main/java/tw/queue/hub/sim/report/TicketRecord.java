package tw.queue.hub.sim.report;

/**
 * One citizen's ticket in one simulated day. Times are seconds since the office opened that day.
 *
 * @param priority none|elderly|disability|pregnant-or-infant|appointment
 * @param called null if never called
 * @param finished null if not served
 * @param outcome the ticket's final {@link tw.queue.domain.TicketStatus} wire name (served, no-show, cancelled: left, not-served)
 * @param estimateAtIssue seconds, the estimator under test; null if it gave none
 * @param naiveEstimateAtIssue seconds, the naive estimator, for comparison; may be null
 * @param actualWait seconds from issue (or from the booked time for an appointment checked in early)
 *     to call; null if never called
 */
public record TicketRecord(int seed, String id, String service, String priority,
        double issued, Double called, Double finished,
        String outcome,
        int aheadAtIssue, int openCountersAtIssue,
        Double estimateAtIssue,
        Double naiveEstimateAtIssue,
        Double actualWait) {}
