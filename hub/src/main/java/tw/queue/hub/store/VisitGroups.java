package tw.queue.hub.store;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tw.queue.domain.Event;
import tw.queue.domain.TicketStatus;
import tw.queue.hub.stats.HistoryDimension;
import tw.queue.hub.stats.MonthlyEvaluation;
import tw.queue.hub.stats.SplitTally;
import tw.queue.hub.stats.VisitTally;

/**
 * Visits grouped for the views of the history (the rollup tables {@code visit_day_group} and
 * {@code visit_month_group}, see V5): how visit rows fall into groups, and how groups are written and read.
 * The writer rolls up with it ({@link VisitRollups}), the history reader reads with it ({@link VisitQueries}).
 */
final class VisitGroups {
    /** Each view's groups: key (the service, counter, clerk, hour as 08, weekday and hour as 1-08) to tally. */
    private final Map<HistoryDimension, Map<String, SplitTally>> groups = new EnumMap<>(HistoryDimension.class);

    Map<String, SplitTally> of(HistoryDimension dim) {
        return groups.computeIfAbsent(dim, d -> new HashMap<>());
    }

    /** The two tables of groups: per office day and per month. */
    enum Table {
        DAY("visit_day_group", "day"), MONTH("visit_month_group", "month");

        final String name;
        final String period;

        Table(String name, String period) {
            this.name = name;
            this.period = period;
        }

        String select() {
            return "SELECT " + period + ", key, suspect, " + FIGURES + " FROM " + name + " WHERE dim = ? AND "
                    + period + " BETWEEN ? AND ?";
        }

        String insert() {
            return "INSERT INTO " + name + " (dim, " + period + ", key, suspect, " + FIGURES
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        }

        String delete() {
            return "DELETE FROM " + name + " WHERE " + period + " = ?";
        }
    }

    private static final String FIGURES =
            "count, wait_sum, service_sum, no_shows, satisfied, neutral, dissatisfied, waits, services";
    private static final String VISITS = "SELECT service, counter, clerk, hour, weekday, wait_ms, service_ms, "
            + "outcome, rating FROM visit WHERE day BETWEEN ? AND ?";

    /** Adds the visits of the office days {@code from} to {@code to} (ISO dates) to their groups of each view. */
    void addVisits(Connection connection, String from, String to, Collection<HistoryDimension> dims)
            throws SQLException {
        List<String> ratings = Event.TicketRated.RATINGS;
        String noShow = TicketStatus.NO_SHOW.wire();
        try (PreparedStatement ps = connection.prepareStatement(VISITS)) {
            ps.setString(1, from);
            ps.setString(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String service = rs.getString(1);
                    Integer counter = intOrNull(rs, 2);
                    String clerk = rs.getString(3);
                    int hour = rs.getInt(4);
                    int weekday = rs.getInt(5);
                    Long waitMs = longOrNull(rs, 6);
                    Long serviceMs = longOrNull(rs, 7);
                    String outcome = rs.getString(8);
                    String rating = rs.getString(9);
                    boolean suspect = MonthlyEvaluation.suspicious(outcome, serviceMs);
                    Long served = TicketStatus.SERVED.wire().equals(outcome) ? serviceMs : null;
                    int r = rating == null ? 0 : ratings.indexOf(rating) + 1;
                    for (HistoryDimension dim : dims) {
                        String key = key(dim, service, counter, clerk, hour, weekday);
                        if (key != null) {
                            of(dim).computeIfAbsent(key, k -> new SplitTally()).of(suspect)
                                    .visit(waitMs, served, noShow.equals(outcome), r);
                        }
                    }
                }
            }
        }
    }

    /** The visit's group in a view, or null when it has none there (no counter or clerk yet). */
    static String key(HistoryDimension dim, String service, Integer counter, String clerk, int hour, int weekday) {
        return switch (dim) {
            case SERVICE -> service;
            case COUNTER -> counter == null ? null : counter.toString();
            case CLERK -> clerk;
            case HOUR -> hour < 10 ? "0" + hour : Integer.toString(hour);
            case WEEKDAY_HOUR -> weekday + "-" + (hour < 10 ? "0" + hour : Integer.toString(hour));
        };
    }

    /** Writes every group under one period (an office day or a month) of a table. */
    void write(Connection connection, Table table, String period) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(table.insert())) {
            for (Map.Entry<HistoryDimension, Map<String, SplitTally>> view : groups.entrySet()) {
                for (Map.Entry<String, SplitTally> group : view.getValue().entrySet()) {
                    for (int suspect = 0; suspect <= 1; suspect++) {
                        VisitTally t = group.getValue().of(suspect == 1);
                        if (t.count() == 0) {
                            continue;
                        }
                        ps.setString(1, view.getKey().wire());
                        ps.setString(2, period);
                        ps.setString(3, group.getKey());
                        ps.setInt(4, suspect);
                        ps.setInt(5, t.count());
                        ps.setLong(6, t.waitSum());
                        ps.setLong(7, t.serviceSum());
                        ps.setInt(8, t.noShows());
                        ps.setInt(9, t.satisfied());
                        ps.setInt(10, t.neutral());
                        ps.setInt(11, t.dissatisfied());
                        ps.setBytes(12, encode(t.waits().toSortedArray()));
                        ps.setBytes(13, encode(t.services().toSortedArray()));
                        ps.addBatch();
                    }
                }
            }
            ps.executeBatch();
        }
    }

    /**
     * Adds the groups of one view stored for the periods {@code from} to {@code to} of a table, of those periods
     * in {@code complete} only (the days or months whose groups are whole).
     */
    void read(Connection connection, Table table, HistoryDimension dim, String from, String to,
              Set<String> complete) throws SQLException {
        Map<String, SplitTally> view = of(dim);
        try (PreparedStatement ps = connection.prepareStatement(table.select())) {
            ps.setString(1, dim.wire());
            ps.setString(2, from);
            ps.setString(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!complete.contains(rs.getString(1))) {
                        continue;
                    }
                    view.computeIfAbsent(rs.getString(2), k -> new SplitTally()).of(rs.getInt(3) == 1)
                            .add(rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getInt(7), rs.getInt(8),
                                    rs.getInt(9), rs.getInt(10), decode(rs.getBytes(11)), decode(rs.getBytes(12)));
                }
            }
        }
    }

    /** Ascending whole numbers as 4-byte big-endian integers. */
    static byte[] encode(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES);
        b.asIntBuffer().put(values);
        return b.array();
    }

    static int[] decode(byte[] blob) {
        IntBuffer in = ByteBuffer.wrap(blob).asIntBuffer();
        int[] values = new int[in.remaining()];
        in.get(values);
        return values;
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
