package tw.queue.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.queue.domain.Event;
import tw.queue.domain.TicketStatus;
import tw.queue.hub.stats.HistoryDimension;

/**
 * The history queries over the per-visit summary ({@link VisitSummary}), on a read-only connection of
 * their own (never the writer's). Used by one thread at a time. Ranges are office days, both ends included.
 */
public final class VisitQueries implements AutoCloseable {
    private final Connection connection;

    public VisitQueries(HubDatabase db) throws SQLException {
        this.connection = db.openReader();
        connection.setAutoCommit(false);
    }

    /** Work made of several queries. */
    public interface Reading<T> {
        T run(VisitQueries q) throws SQLException;
    }

    /** Runs the queries in one read transaction: they all see the same committed state. */
    public <T> T read(Reading<T> work) throws SQLException {
        try {
            return work.run(this);
        } finally {
            connection.rollback();
        }
    }

    /** The additive figures of one group (times in milliseconds). */
    public record GroupTotals(String key, int count, int called, Double waitMeanMs, Long waitMaxMs,
                              int withinTarget, int served, Double serviceMeanMs, int noShows,
                              int satisfied, int neutral, int dissatisfied) {
    }

    /** Per group, in the group's order: the additive figures; waits and transfers come apart. */
    public Map<String, GroupTotals> totals(LocalDate from, LocalDate to, HistoryDimension by, long targetMs)
            throws SQLException {
        String key = key(by);
        String sql = "SELECT " + key + " AS k, COUNT(*), COUNT(wait_ms), AVG(wait_ms), MAX(wait_ms), "
                + "COALESCE(SUM(wait_ms <= ?), 0), COALESCE(SUM(outcome = ?), 0), AVG(service_ms), "
                + "COALESCE(SUM(outcome = ?), 0), COALESCE(SUM(rating = ?), 0), COALESCE(SUM(rating = ?), 0), "
                + "COALESCE(SUM(rating = ?), 0) FROM visit WHERE day BETWEEN ? AND ? AND k IS NOT NULL "
                + "GROUP BY k ORDER BY " + order(by);
        Map<String, GroupTotals> out = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            List<String> ratings = Event.TicketRated.RATINGS;
            bind(ps, targetMs, TicketStatus.SERVED.wire(), TicketStatus.NO_SHOW.wire(), ratings.get(0),
                    ratings.get(1), ratings.get(2), from.toString(), to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String k = rs.getString(1);
                    out.put(k, new GroupTotals(k, rs.getInt(2), rs.getInt(3), doubleOrNull(rs, 4),
                            longOrNull(rs, 5), rs.getInt(6), rs.getInt(7), doubleOrNull(rs, 8), rs.getInt(9),
                            rs.getInt(10), rs.getInt(11), rs.getInt(12)));
                }
            }
        }
        return out;
    }

    /** Per group, the waits (milliseconds) of its called visits, sorted ascending. */
    public Map<String, long[]> waits(LocalDate from, LocalDate to, HistoryDimension by) throws SQLException {
        String sql = "SELECT " + key(by) + " AS k, wait_ms FROM visit WHERE day BETWEEN ? AND ? "
                + "AND wait_ms IS NOT NULL AND k IS NOT NULL";
        Map<String, LongList> lists = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, from.toString(), to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                String lastKey = null;
                LongList last = null;
                while (rs.next()) {
                    String k = rs.getString(1);
                    if (!k.equals(lastKey)) {
                        lastKey = k;
                        last = lists.computeIfAbsent(k, x -> new LongList());
                    }
                    last.add(rs.getLong(2));
                }
            }
        }
        Map<String, long[]> out = new HashMap<>();
        lists.forEach((k, l) -> {
            long[] a = Arrays.copyOf(l.values, l.size);
            Arrays.sort(a);
            out.put(k, a);
        });
        return out;
    }

    /** Per group, the transfers made (by service: out of that service; by counter or clerk: made there). */
    public Map<String, Integer> transfers(LocalDate from, LocalDate to, HistoryDimension by) throws SQLException {
        String key = switch (by) {
            case SERVICE -> "from_service";
            default -> key(by);
        };
        String sql = "SELECT " + key + " AS k, COUNT(*) FROM visit_transfer WHERE day BETWEEN ? AND ? "
                + "AND k IS NOT NULL GROUP BY k";
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, from.toString(), to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    /** One visit that reached a counter, as the monthly evaluation reads it (times in milliseconds). */
    public record CounterVisit(String day, String service, int counter, String clerk, Long waitMs, Long serviceMs,
                               String outcome, String rating) {
    }

    /** Every visit in the range that was called to a counter. */
    public List<CounterVisit> counterVisits(LocalDate from, LocalDate to) throws SQLException {
        List<CounterVisit> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT day, service, counter, clerk, wait_ms, "
                + "service_ms, outcome, rating FROM visit WHERE day BETWEEN ? AND ? AND counter IS NOT NULL")) {
            bind(ps, from.toString(), to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CounterVisit(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            longOrNull(rs, 5), longOrNull(rs, 6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }

    private static String key(HistoryDimension by) {
        return switch (by) {
            case SERVICE -> "service";
            case COUNTER -> "counter";
            case CLERK -> "clerk";
            case HOUR -> "printf('%02d', hour)";
            case WEEKDAY_HOUR -> "printf('%d-%02d', weekday, hour)";
        };
    }

    private static String order(HistoryDimension by) {
        return by == HistoryDimension.COUNTER ? "MIN(counter)" : "k";
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static final class LongList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
