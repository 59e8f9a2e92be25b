package tw.queue.hub.stats;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tw.queue.hub.store.VisitGroups;
import tw.queue.hub.store.VisitQueries;

/**
 * The rows of {@code GET /api/stats/summary}: per group, visits, waits (mean, p50, p90, max, share within
 * the target), mean service time, no-shows, transfers and ratings: closed days from their rollups, the
 * others from their visits.
 * Times in seconds; a wait is from issue to first call, a service from the last call to finish, as in the
 * day statistics.
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

    public static List<Row> of(VisitQueries q, LocalDate from, LocalDate to, HistoryDimension by, long targetMs)
            throws SQLException {
        Map<String, VisitGroups.Group> groups = q.groups(from, to, by).groups();
        Map<String, Integer> transfers = q.transfers(from, to, by);
        Map<String, VisitGroups.Group> ordered = new TreeMap<>(HistorySummary::naturalOrder);
        ordered.putAll(groups);
        List<Row> out = new ArrayList<>(ordered.size());
        ordered.forEach((key, g) -> out.add(row(by, key, g, targetMs, transfers.getOrDefault(key, 0))));
        return out;
    }

    private static Row row(HistoryDimension by, String key, VisitGroups.Group g, long targetMs, int transfers) {
        long[] sortedMs = g.sortedWaits();
        double[] w = new double[sortedMs.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = sortedMs[i] / 1000.0;
        }
        Integer weekday = null;
        Integer hour = null;
        if (by == HistoryDimension.HOUR) {
            hour = Integer.parseInt(key);
        } else if (by == HistoryDimension.WEEKDAY_HOUR) {
            weekday = Integer.parseInt(key.substring(0, key.indexOf('-')));
            hour = Integer.parseInt(key.substring(key.indexOf('-') + 1));
        }
        int called = sortedMs.length;
        int within = upperBound(sortedMs, targetMs);
        return new Row(key, weekday, hour, g.count, called, g.served,
                called == 0 ? null : g.waitSum() / 1000.0 / called, percentile(w, 0.5), percentile(w, 0.9),
                called == 0 ? null : w[called - 1], called == 0 ? null : within / (double) called,
                g.served == 0 ? null : g.serviceSum / 1000.0 / g.served, g.noShows, transfers,
                new Ratings(g.ratings[0], g.ratings[1], g.ratings[2]));
    }

    /** How many of the sorted values are at most {@code limit}. */
    private static int upperBound(long[] sorted, long limit) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static Double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? null : Percentile.of(sorted, p);
    }

    /** Counter numbers as numbers (2 before 10), other keys as text. */
    static int naturalOrder(String a, String b) {
        boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }
}
