package tw.queue.hub.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tw.queue.hub.store.VisitQueries.GroupTotals;

/**
 * The rows of {@code GET /api/stats/summary}: per group, visits, waits (mean, p50, p90, max, share within
 * the target), mean service time, no-shows, transfers and ratings. Times in seconds; a wait is from issue to
 * first call, a service from the last call to finish, as in the day statistics.
 */
public final class HistorySummary {
    private HistorySummary() {
    }

    public record Ratings(int satisfied, int neutral, int dissatisfied) {
    }

    /**
     * @param count visits; @param called those called at least once (what the waits are over)
     * @param withinTarget the share of the called whose wait was within the target, null when none was called
     */
    public record Row(String key, Integer weekday, Integer hour, int count, int called, int served,
                      Double waitMean, Double waitP50, Double waitP90, Double waitMax, Double withinTarget,
                      Double serviceMean, int noShows, int transfers, Ratings ratings) {
    }

    public static List<Row> rows(HistoryDimension by, Map<String, GroupTotals> totals, Map<String, long[]> waits,
                                 Map<String, Integer> transfers) {
        List<Row> out = new ArrayList<>(totals.size());
        for (GroupTotals t : totals.values()) {
            double[] w = seconds(waits.getOrDefault(t.key(), new long[0]));
            Integer weekday = null;
            Integer hour = null;
            if (by == HistoryDimension.HOUR) {
                hour = Integer.parseInt(t.key());
            } else if (by == HistoryDimension.WEEKDAY_HOUR) {
                weekday = Integer.parseInt(t.key().substring(0, t.key().indexOf('-')));
                hour = Integer.parseInt(t.key().substring(t.key().indexOf('-') + 1));
            }
            out.add(new Row(t.key(), weekday, hour, t.count(), t.called(), t.served(),
                    seconds(t.waitMeanMs()), percentile(w, 0.5), percentile(w, 0.9),
                    t.waitMaxMs() == null ? null : t.waitMaxMs() / 1000.0,
                    t.called() == 0 ? null : t.withinTarget() / (double) t.called(),
                    seconds(t.serviceMeanMs()), t.noShows(), transfers.getOrDefault(t.key(), 0),
                    new Ratings(t.satisfied(), t.neutral(), t.dissatisfied())));
        }
        return out;
    }

    static double[] seconds(long[] sortedMs) {
        double[] s = new double[sortedMs.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = sortedMs[i] / 1000.0;
        }
        return s;
    }

    static Double seconds(Double ms) {
        return ms == null ? null : ms / 1000.0;
    }

    static Double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? null : Percentile.of(sorted, p);
    }
}
