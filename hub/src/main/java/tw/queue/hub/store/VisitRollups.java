package tw.queue.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tw.queue.domain.Event;
import tw.queue.hub.stats.HistoryDimension;
import tw.queue.wire.EventTypes;

/**
 * Keeps the grouped visits ({@link VisitGroups}) of closed days and months, on the writer's connection and in
 * the caller's transaction. When a day closes, it and every day before it not grouped yet (days without
 * visits too, so a range of closed days is wholly grouped) are grouped; a month is merged once it is over
 * (when a day of a later month closes). A later change to a grouped day's visit (a late rating) removes the
 * day's and its month's groups; they come back when the next day closes, or at start.
 */
final class VisitRollups {
    private static final List<HistoryDimension> VIEWS = List.of(HistoryDimension.values());

    private final Connection connection;

    VisitRollups(Connection connection) {
        this.connection = connection;
    }

    /** The visits of these days changed: those grouped are no longer. */
    void changed(Collection<String> days) throws SQLException {
        for (String day : days) {
            if (execute(Sql.UNROLL_DAY, day) > 0) {
                execute(VisitGroups.Table.DAY.delete(), day);
                unrollMonth(month(day));
            }
        }
    }

    /**
     * A day closed: it and the days before it not grouped are grouped, and the months before its own merged
     * where they are not (a month is merged once a day of a later month closes; until then its days are read).
     */
    void closed(String day) throws SQLException {
        for (String d : ungroupedUpTo(LocalDate.parse(day))) {
            rollUpDay(d);
        }
        mergeMonthsBefore(month(day));
    }

    /**
     * At start (committing): the closed days not grouped (all of them in a database from before these tables,
     * else those a late change left) and the months before the last one not merged.
     */
    void catchUp() throws SQLException {
        String lastWithVisits = single(Sql.LAST_VISIT_DAY);
        if (lastWithVisits != null) {
            // the last day with visits may still be open: then it is grouped when it closes
            LocalDate last = LocalDate.parse(lastWithVisits);
            boolean closed;
            try (PreparedStatement ps = connection.prepareStatement(Sql.DAY_CLOSED)) {
                ps.setString(1, lastWithVisits);
                ps.setString(2, EventTypes.of(Event.DayClosed.class).name());
                try (ResultSet rs = ps.executeQuery()) {
                    closed = rs.next();
                }
            }
            int grouped = 0;
            for (String d : ungroupedUpTo(closed ? last : last.minusDays(1))) {
                rollUpDay(d);
                // years of days at a first start: committed a month at a time, not as one huge transaction
                if (++grouped % 30 == 0) {
                    connection.commit();
                }
            }
            mergeMonthsBefore(month(lastWithVisits));
        }
        connection.commit();
    }

    private void mergeMonthsBefore(String month) throws SQLException {
        Set<String> months = new TreeSet<>();
        try (PreparedStatement ps = connection.prepareStatement(Sql.MONTHS_NOT_MERGED)) {
            ps.setString(1, month);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    months.add(rs.getString(1));
                }
            }
        }
        for (String m : months) {
            rollUpMonth(m);
        }
    }

    /** The days up to {@code last} not grouped: from the first day with visits, or after the last grouped day, and the gaps. */
    private List<String> ungroupedUpTo(LocalDate last) throws SQLException {
        Set<String> grouped = new HashSet<>();
        String first = single(Sql.FIRST_VISIT_DAY);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(Sql.GROUPED_DAYS)) {
            while (rs.next()) {
                grouped.add(rs.getString(1));
                first = first == null || rs.getString(1).compareTo(first) < 0 ? rs.getString(1) : first;
            }
        }
        List<String> out = new java.util.ArrayList<>();
        if (first == null) {
            return out;
        }
        for (LocalDate d = LocalDate.parse(first); !d.isAfter(last); d = d.plusDays(1)) {
            if (!grouped.contains(d.toString())) {
                out.add(d.toString());
            }
        }
        return out;
    }

    private void rollUpDay(String day) throws SQLException {
        execute(VisitGroups.Table.DAY.delete(), day);
        VisitGroups groups = new VisitGroups();
        groups.addVisits(connection, day, day, VIEWS);
        groups.write(connection, VisitGroups.Table.DAY, day);
        execute(Sql.ROLLED_DAY, day);
        unrollMonth(month(day));
    }

    /** Merges the month's grouped days. */
    private void rollUpMonth(String month) throws SQLException {
        unrollMonth(month);
        YearMonth m = YearMonth.parse(month);
        Set<String> days = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(Sql.GROUPED_DAYS_BETWEEN)) {
            ps.setString(1, m.atDay(1).toString());
            ps.setString(2, m.atEndOfMonth().toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(rs.getString(1));
                }
            }
        }
        VisitGroups groups = new VisitGroups();
        for (HistoryDimension dim : VIEWS) {
            groups.read(connection, VisitGroups.Table.DAY, dim, m.atDay(1).toString(), m.atEndOfMonth().toString(), days);
        }
        groups.write(connection, VisitGroups.Table.MONTH, month);
        execute(Sql.ROLLED_MONTH, month);
    }

    private void unrollMonth(String month) throws SQLException {
        execute(Sql.UNROLL_MONTH, month);
        execute(VisitGroups.Table.MONTH.delete(), month);
    }

    private static String month(String day) {
        return day.substring(0, 7);
    }

    private int execute(String sql, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, value);
            return ps.executeUpdate();
        }
    }

    private String single(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The rollups' bookkeeping (the groups' own SQL is in {@link VisitGroups}). */
    private interface Sql {
        String UNROLL_DAY = "DELETE FROM visit_rolled_day WHERE day = ?";
        String ROLLED_DAY = "INSERT INTO visit_rolled_day (day) VALUES (?)";
        String UNROLL_MONTH = "DELETE FROM visit_rolled_month WHERE month = ?";
        String ROLLED_MONTH = "INSERT INTO visit_rolled_month (month) VALUES (?)";
        String GROUPED_DAYS = "SELECT day FROM visit_rolled_day";
        String GROUPED_DAYS_BETWEEN = "SELECT day FROM visit_rolled_day WHERE day BETWEEN ? AND ?";
        String FIRST_VISIT_DAY = "SELECT MIN(day) FROM visit";
        String LAST_VISIT_DAY = "SELECT MAX(day) FROM visit";
        String DAY_CLOSED = "SELECT 1 FROM event WHERE day = ? AND type = ? LIMIT 1";
        String MONTHS_NOT_MERGED = "SELECT DISTINCT substr(day, 1, 7) AS m FROM visit_rolled_day "
                + "WHERE m < ? AND m NOT IN (SELECT month FROM visit_rolled_month)";
    }
}
