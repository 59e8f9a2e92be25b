package tw.queue.hub.sim.report;

import java.util.Map;

/**
 * The summary of one simulation run.
 *
 * @param policy name of the run (e.g. the call-next policy "balanced" or "fcfs")
 * @param seeds number of seeds (simulated days)
 * @param byClass statistics per class, in insertion order: service ids sorted, then
 *     {@link SimStatistics#OVERALL}
 */
public record SimSummary(String policy, int seeds, Map<String, ClassStats> byClass) {

    /** The "overall" row. */
    public ClassStats overall() {
        return byClass.get(SimStatistics.OVERALL);
    }
}
