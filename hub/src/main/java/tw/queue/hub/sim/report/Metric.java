package tw.queue.hub.sim.report;

/**
 * One metric summarised over seeds.
 *
 * @param mean mean of the per-seed values; NaN if no seed had a value
 * @param halfWidth half-width of the 95% confidence interval of that mean (Student t with n-1 degrees
 *     of freedom times the standard error); NaN when fewer than two seeds had a value
 * @param n number of seeds that had a value (a seed has no value for, e.g., the wait percentiles of a
 *     class when none of its tickets was called that day)
 */
public record Metric(double mean, double halfWidth, int n) {

    /** A metric no seed had a value for. */
    public static final Metric NONE = new Metric(Double.NaN, Double.NaN, 0);

    /** Whether there is a confidence interval (at least two seeds had a value). */
    public boolean hasInterval() {
        return !Double.isNaN(halfWidth);
    }

    /** Lower end of the 95% confidence interval (NaN without an interval). */
    public double lower() {
        return mean - halfWidth;
    }

    /** Upper end of the 95% confidence interval (NaN without an interval). */
    public double upper() {
        return mean + halfWidth;
    }
}
