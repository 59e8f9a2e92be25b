package tw.queue.hub.stats;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        Map<String, SplitTally> groups = q.tallies(from, to, by);
        Map<String, Integer> transfers = q.transfers(from, to, by);
        Map<String, SplitTally> ordered = new TreeMap<>(HistorySummary::naturalOrder);
        ordered.putAll(groups);
        List<Row> out = new ArrayList<>(ordered.size());
        ordered.forEach((key, g) -> out.add(row(by, key, g.all(), targetMs, transfers.getOrDefault(key, 0))));
        return out;
    }

    private static Row row(HistoryDimension by, String key, VisitTally g, long targetMs, int transfers) {
        Integer weekday = null;
        Integer hour = null;
        if (by == HistoryDimension.HOUR) {
            hour = Integer.parseInt(key);
        } else if (by == HistoryDimension.WEEKDAY_HOUR) {
            weekday = Integer.parseInt(key.substring(0, key.indexOf('-')));
            hour = Integer.parseInt(key.substring(key.indexOf('-') + 1));
        }
        return new Row(key, weekday, hour, g.count(), g.called(), g.served(), g.waitMeanSeconds(),
                g.waitPercentileSeconds(0.5), g.waitPercentileSeconds(0.9), g.waitMaxSeconds(),
                g.withinTarget(targetMs), g.serviceMeanSeconds(), g.noShows(), transfers,
                new Ratings(g.satisfied(), g.neutral(), g.dissatisfied()));
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
