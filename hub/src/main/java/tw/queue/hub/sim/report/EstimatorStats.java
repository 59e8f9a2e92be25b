package tw.queue.hub.sim.report;

/**
 * How good one wait estimator was, over tickets that had both an estimate at issue and an actual wait.
 * Each value is computed per seed and then summarised over seeds. Error = estimate - actual.
 *
 * @param count number of such tickets per seed
 * @param bias mean error, minutes (positive: the estimate was too high)
 * @param mae mean absolute error, minutes
 * @param rmse root mean squared error, minutes (per seed, then averaged over seeds)
 * @param tooLowShare share (0..1) of estimates more than 5 minutes too low (actual - estimate &gt; 300 s)
 */
public record EstimatorStats(Metric count, Metric bias, Metric mae, Metric rmse, Metric tooLowShare) {}
