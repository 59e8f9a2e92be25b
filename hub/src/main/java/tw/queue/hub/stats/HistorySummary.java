package tw.queue.hub.stats;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tw.queue.hub.store.VisitQueries;

/**
 * The rows of {@code GET /api/stats/summary}: per group, visits, waits (mean, p50, p90, max, share within
 * the target), mean service time, no-shows, transfers and ratings, from one pass over the range's visits.
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

    /** One group's running figures. */
    private static final class Group {
        int count;
        long[] waits = new long[256];
        int called;
        long waitSum;
        int served;
        long serviceSum;
        int noShows;
        final int[] ratings = new int[3];
    }

    public static List<Row> of(VisitQueries q, LocalDate from, LocalDate to, HistoryDimension by, long targetMs)
            throws SQLException {
        Map<String, Group> groups = new HashMap<>();
        String[] lastKey = {null};
        Group[] last = {null};
        q.scan(from, to, by, (key, waitMs, serviceMs, outcome, rating) -> {
            Group g = last[0];
            if (!key.equals(lastKey[0])) {
                g = groups.computeIfAbsent(key, k -> new Group());
                lastKey[0] = key;
                last[0] = g;
            }
            g.count++;
            if (waitMs >= 0) {
                if (g.called == g.waits.length) {
                    g.waits = Arrays.copyOf(g.waits, g.called * 2);
                }
                g.waits[g.called++] = waitMs;
                g.waitSum += waitMs;
            }
            if (outcome == 1 && serviceMs >= 0) {
                g.served++;
                g.serviceSum += serviceMs;
            } else if (outcome == 2) {
                g.noShows++;
            }
            if (rating > 0) {
                g.ratings[rating - 1]++;
            }
        });
        Map<String, Integer> transfers = q.transfers(from, to, by);
        Map<String, Group> ordered = new TreeMap<>(HistorySummary::naturalOrder);
        ordered.putAll(groups);
        List<Row> out = new ArrayList<>(ordered.size());
        ordered.forEach((key, g) -> out.add(row(by, key, g, targetMs, transfers.getOrDefault(key, 0))));
        return out;
    }

    private static Row row(HistoryDimension by, String key, Group g, long targetMs, int transfers) {
        long[] sortedMs = Arrays.copyOf(g.waits, g.called);
        Arrays.sort(sortedMs);
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
        int within = upperBound(sortedMs, targetMs);
        return new Row(key, weekday, hour, g.count, g.called, g.served,
                g.called == 0 ? null : g.waitSum / 1000.0 / g.called, percentile(w, 0.5), percentile(w, 0.9),
                g.called == 0 ? null : w[w.length - 1], g.called == 0 ? null : within / (double) g.called,
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
