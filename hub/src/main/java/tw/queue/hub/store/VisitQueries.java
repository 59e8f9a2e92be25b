package tw.queue.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * Every visit of the range grouped by its key (the service, counter, clerk, hour as 08, weekday and hour
     * as 1-08); visits with no counter or clerk are left out of those views. Closed days come from their
     * rollups ({@link VisitSummary}), the other days from their visits.
     */
    public VisitGroups groups(LocalDate from, LocalDate to, HistoryDimension by) throws SQLException {
        VisitGroups out = new VisitGroups();
        java.util.Set<String> rolled = new java.util.HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(Sql.ROLLED_DAYS)) {
            bind(ps, from.toString(), to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rolled.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(Sql.ROLLUPS)) {
            bind(ps, by.wire(), from.toString(), to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.group(rs.getString(1)).merge(rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getInt(5),
                            rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getBytes(9));
                }
            }
        }
        // the days not rolled up (today, a day changed since), as runs of consecutive days
        LocalDate runStart = null;
        for (LocalDate d = from; !d.isAfter(to.plusDays(1)); d = d.plusDays(1)) {
            boolean open = !d.isAfter(to) && !rolled.contains(d.toString());
            if (open && runStart == null) {
                runStart = d;
            } else if (!open && runStart != null) {
                scan(connection, runStart, d.minusDays(1), by, out);
                runStart = null;
            }
        }
        return out;
    }

    /** Groups the visits of a range by the view's key, from the visit rows. */
    static void scan(Connection connection, LocalDate from, LocalDate to, HistoryDimension by, VisitGroups out)
            throws SQLException {
        boolean numeric = by == HistoryDimension.COUNTER || by == HistoryDimension.HOUR
                || by == HistoryDimension.WEEKDAY_HOUR;
        String sql = "SELECT " + key(by) + " AS k, wait_ms, service_ms, (outcome = ?) + 2 * (outcome = ?), "
                + "CASE rating WHEN ? THEN 1 WHEN ? THEN 2 WHEN ? THEN 3 ELSE 0 END "
                + "FROM visit WHERE day BETWEEN ? AND ? AND k IS NOT NULL";
        Map<Integer, String> names = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            List<String> ratings = Event.TicketRated.RATINGS;
            bind(ps, TicketStatus.SERVED.wire(), TicketStatus.NO_SHOW.wire(), ratings.get(0), ratings.get(1),
                    ratings.get(2), from.toString(), to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String k = numeric ? names.computeIfAbsent(rs.getInt(1), n -> name(by, n)) : rs.getString(1);
                    long wait = rs.getLong(2);
                    if (rs.wasNull()) {
                        wait = -1;
                    }
                    long service = rs.getLong(3);
                    if (rs.wasNull()) {
                        service = -1;
                    }
                    out.group(k).visit(wait, service, rs.getInt(4), rs.getInt(5));
                }
            }
        }
    }

    private static String name(HistoryDimension by, int key) {
        return switch (by) {
            case HOUR -> String.format("%02d", key);
            case WEEKDAY_HOUR -> String.format("%d-%02d", key / 100, key % 100);
            default -> Integer.toString(key);
        };
    }

    /** Per group, the transfers made (by service: out of that service; by counter or clerk: made there). */
    public Map<String, Integer> transfers(LocalDate from, LocalDate to, HistoryDimension by) throws SQLException {
        String key = switch (by) {
            case SERVICE -> "from_service";
            default -> key(by);
        };
        String sql = "SELECT " + key + " AS k, COUNT(*) FROM visit_transfer WHERE day BETWEEN ? AND ? "
                + "AND k IS NOT NULL GROUP BY k";
        boolean numeric = by == HistoryDimension.COUNTER || by == HistoryDimension.HOUR
                || by == HistoryDimension.WEEKDAY_HOUR;
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, from.toString(), to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(numeric ? name(by, rs.getInt(1)) : rs.getString(1), rs.getInt(2));
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

    static String key(HistoryDimension by) {
        return switch (by) {
            case SERVICE -> "service";
            case COUNTER -> "counter";
            case CLERK -> "clerk";
            case HOUR -> "hour";
            case WEEKDAY_HOUR -> "weekday * 100 + hour";
        };
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** The reads of the rollups (their writes are in {@link VisitSummary}). */
    private interface Sql {
        String ROLLED_DAYS = "SELECT day FROM visit_rollup_day WHERE day BETWEEN ? AND ?";
        String ROLLUPS = "SELECT key, count, served, service_sum, no_shows, satisfied, neutral, dissatisfied, waits "
                + "FROM visit_rollup WHERE dim = ? AND day BETWEEN ? AND ? AND day IN (SELECT day FROM visit_rollup_day)";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
