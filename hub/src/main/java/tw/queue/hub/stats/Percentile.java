package tw.queue.hub.stats;

import java.util.function.IntToDoubleFunction;

/**
 * The one definition of a percentile, for the live day statistics, the history, the monthly report and the
 * simulator: linear interpolation between order statistics (Hyndman-Fan type 7, numpy's default and Excel's
 * PERCENTILE.INC). With h = (n-1)·p, the value is x[⌊h⌋] + (h-⌊h⌋)·(x[⌊h⌋+1] - x[⌊h⌋]) (0-based); p = 0
 * gives the minimum, p = 1 the maximum. E.g. for 0, 60, 120, 600, 1200: p50 = 120, p90 = 960.
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
        return of(sorted.length, i -> sorted[i], p);
    }

    /**
     * The same, over values known by their rank: {@code orderStatistic.applyAsDouble(k)} is the k-th smallest
     * (0-based) of {@code n} values (so the history can read two order statistics out of its rollups without
     * sorting every value).
     *
     * @return NaN for no values
     */
    public static double of(int n, IntToDoubleFunction orderStatistic, double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("p must be in [0, 1]: " + p);
        }
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        double low = orderStatistic.applyAsDouble(lo);
        return h == lo ? low : low + (h - lo) * (orderStatistic.applyAsDouble(hi) - low);
    }
}
