package tw.queue.hub.sim.report;

/**
 * Statistics for one service class (or "overall"). Each value is computed per seed and summarised over
 * seeds as a {@link Metric}. Waits are actual waits of tickets that were called, in minutes; shares are
 * fractions 0..1.
 *
 * @param tickets tickets issued per seed (a seed without tickets of the class counts as 0)
 * @param called tickets called per seed (those with an actual wait)
 * @param waitMean mean wait, minutes
 * @param waitP50 median wait, minutes (percentiles: linear interpolation, see {@link SimStatistics#percentile})
 * @param waitP90 90th percentile wait, minutes
 * @param waitP95 95th percentile wait, minutes
 * @param waitMax longest wait, minutes
 * @param probabilityOfWaiting share of called tickets that waited more than 0.5 s
 * @param within10 share of called tickets called within 10 minutes (wait &lt;= 600 s)
 * @param within15 share of called tickets called within 15 minutes
 * @param within20 share of called tickets called within 20 minutes
 * @param abandonment share of all tickets whose citizen left (outcome cancelled)
 * @param utilisation mean over counters of busy/open; "overall" only, null for a service class
 * @param utilisationSpread population standard deviation of busy/open across counters; "overall" only
 * @param idleWhileEligibleMinutes sum over counters of idle-while-eligible time, minutes; "overall" only
 * @param estimator the estimator under test (estimateAtIssue)
 * @param naive the naive estimator (naiveEstimateAtIssue)
 */
public record ClassStats(
        Metric tickets,
        Metric called,
        Metric waitMean,
        Metric waitP50,
        Metric waitP90,
        Metric waitP95,
        Metric waitMax,
        Metric probabilityOfWaiting,
        Metric within10,
        Metric within15,
        Metric within20,
        Metric abandonment,
        Metric utilisation,
        Metric utilisationSpread,
        Metric idleWhileEligibleMinutes,
        EstimatorStats estimator,
        EstimatorStats naive) {

    /** Whether this row carries the counter metrics (true only for "overall"). */
    public boolean hasCounters() {
        return utilisation != null;
    }
}
