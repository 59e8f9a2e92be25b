package tw.queue.hub.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tw.queue.domain.Wire;
import tw.queue.domain.WireNamed;

/**
 * How waits (or service times) spread, per service, in one-minute buckets ({@code GET /api/stats/histogram}):
 * bucket i counts the times of at least i and under i + 1 minutes, the first {@link #BUCKETS} of them; longer
 * ones are counted as over. Exact: counted from every value the rollups keep.
 */
public final class WaitHistogram {
    public static final int BUCKET_SECONDS = 60;
    public static final int BUCKETS = 60;

    private WaitHistogram() {
    }

    /** What is counted ({@code measure=}). */
    public enum Measure implements WireNamed {
        /** From issue to first call, of the visits called. */
        @Wire("wait") WAIT,
        /** From the last call to finish, of the visits served. */
        @Wire("service") SERVICE
    }

    public record Row(String key, int[] counts, int over) {
    }

    /** One row per service, in the summary's order. */
    public static List<Row> of(Map<String, SplitTally> byService, Measure measure) {
        Map<String, SplitTally> ordered = new TreeMap<>(HistorySummary::naturalOrder);
        ordered.putAll(byService);
        List<Row> rows = new ArrayList<>(ordered.size());
        ordered.forEach((service, tally) -> rows.add(row(service, tally.all(), measure)));
        return rows;
    }

    public static Row row(String key, VisitTally tally, Measure measure) {
        SortedRuns values = measure == Measure.WAIT ? tally.waits() : tally.services();
        int[] counts = new int[BUCKETS];
        long bucketMs = BUCKET_SECONDS * 1000L;
        int below = 0;
        for (int i = 0; i < BUCKETS; i++) {
            int next = values.countBelow((i + 1) * bucketMs);
            counts[i] = next - below;
            below = next;
        }
        return new Row(key, counts, values.size() - below);
    }
}
