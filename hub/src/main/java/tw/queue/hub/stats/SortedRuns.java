package tw.queue.hub.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multiset of whole numbers (milliseconds) kept as the ascending runs it was built from: one per rollup
 * row it merges, plus the values added one by one. Exact: its order statistics, maximum and counts below a
 * bound are those of every value, found by binary searches over the runs, so merging a year of daily or
 * monthly rollups costs a few searches per run instead of sorting every value again.
 */
public final class SortedRuns {
    private final List<int[]> runs = new ArrayList<>();
    private int size;
    /** Values added one by one, not yet sorted into a run. */
    private int[] loose = new int[0];
    private int looseCount;

    /** Adds an ascending run (kept, not copied: the caller hands it over). */
    public void addRun(int[] ascending) {
        if (ascending.length > 0) {
            runs.add(ascending);
            size += ascending.length;
        }
    }

    public void add(long value) {
        if (looseCount == loose.length) {
            loose = Arrays.copyOf(loose, Math.max(16, looseCount * 2));
        }
        loose[looseCount++] = Math.toIntExact(value);
        size++;
    }

    public void addAll(SortedRuns other) {
        other.seal();
        seal();
        other.runs.forEach(this::addRun);
    }

    private void seal() {
        if (looseCount > 0) {
            int[] run = Arrays.copyOf(loose, looseCount);
            Arrays.sort(run);
            runs.add(run);
            loose = new int[0];
            looseCount = 0;
        }
    }

    public int size() {
        return size;
    }

    /** Every value, ascending, in one array (what a rollup row stores). */
    public int[] toSortedArray() {
        seal();
        if (runs.size() == 1) {
            return runs.get(0).clone();
        }
        int[] all = new int[size];
        int at = 0;
        for (int[] run : runs) {
            System.arraycopy(run, 0, all, at, run.length);
            at += run.length;
        }
        Arrays.sort(all);
        return all;
    }

    /** How many values are at most {@code bound}. */
    public int countAtMost(long bound) {
        seal();
        int n = 0;
        for (int[] run : runs) {
            n += upperBound(run, bound);
        }
        return n;
    }

    /** How many values are below {@code bound}. */
    public int countBelow(long bound) {
        return bound == Long.MIN_VALUE ? 0 : countAtMost(bound - 1);
    }

    public int max() {
        if (size == 0) {
            throw new IllegalStateException("no values");
        }
        seal();
        int max = Integer.MIN_VALUE;
        for (int[] run : runs) {
            max = Math.max(max, run[run.length - 1]);
        }
        return max;
    }

    /**
     * The k-th smallest value (0-based): the least v that has more than k values at most v, found by bisecting
     * the values' range (at most 32 rounds of one binary search per run).
     */
    public int orderStatistic(int k) {
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException(k + " of " + size);
        }
        seal();
        if (runs.size() == 1) {
            return runs.get(0)[k];
        }
        long lo = Integer.MAX_VALUE;
        long hi = Integer.MIN_VALUE;
        for (int[] run : runs) {
            lo = Math.min(lo, run[0]);
            hi = Math.max(hi, run[run.length - 1]);
        }
        // invariant: countAtMost(hi) > k; the answer is in [lo, hi]
        while (lo < hi) {
            long mid = Math.floorDiv(lo + hi, 2);
            if (countAtMost(mid) > k) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return (int) lo;
    }

    /** The p-quantile by the one definition ({@link Percentile}), or null for no values. */
    public Double percentile(double p) {
        return size == 0 ? null : Percentile.of(size, this::orderStatistic, p);
    }

    private static int upperBound(int[] sorted, long bound) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
