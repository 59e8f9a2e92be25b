package tw.queue.hub.stats;

/**
 * The one definition of a percentile, for the live day statistics and the simulator: linear interpolation
 * between order statistics (Hyndman-Fan type 7, numpy's default and Excel's PERCENTILE.INC). With
 * h = (n-1)·p, the value is x[⌊h⌋] + (h-⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋]) (0-based); p = 0 gives the minimum, p = 1
 * the maximum. E.g. for 0, 60, 120, 600, 1200: p50 = 120, p90 = 960.
 */
public final class Percentile {
    private Percentile() {
    }

    /**
     * @param sorted ascending
     * @param p in [0, 1]
     * @return NaN for no values
     */
    public static double of(double[] sorted, double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("p must be in [0, 1]: " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
