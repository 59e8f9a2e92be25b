package tw.queue.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tw.queue.domain.Event;
import tw.queue.hub.stats.HistoryDimension;
import tw.queue.hub.stats.SplitTally;
import tw.queue.wire.EventTypes;

/**
 * The history queries over the per-visit summary ({@link VisitSummary}) and its rollups ({@link VisitRollups}),
 * on a read-only connection of their own (never the writer's). Used by one thread at a time. Ranges are office
 * days, both ends included.
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
     * Every visit of the range in its group of a view (see {@link VisitGroups#key}); visits with no counter or
     * clerk are left out of those views. Months wholly in the range come from their merged groups, the other
     * grouped days from theirs, the days not grouped (today, a day changed since it closed) from their visits.
     */
    public Map<String, SplitTally> tallies(LocalDate from, LocalDate to, HistoryDimension by) throws SQLException {
        Set<String> groupedDays = strings(Sql.GROUPED_DAYS, from.toString(), to.toString());
        Set<String> mergedMonths = new HashSet<>();
        for (String m : strings(Sql.MERGED_MONTHS, YearMonth.from(from).toString(), YearMonth.from(to).toString())) {
            YearMonth month = YearMonth.parse(m);
            if (!month.atDay(1).isBefore(from) && !month.atEndOfMonth().isAfter(to)) {
                mergedMonths.add(m);
            }
        }
        VisitGroups groups = new VisitGroups();
        if (!mergedMonths.isEmpty()) {
            groups.read(connection, VisitGroups.Table.MONTH, by, min(mergedMonths), max(mergedMonths), mergedMonths);
        }
        Predicate<LocalDate> inMergedMonth = d -> groupedDays.contains(d.toString())
                && mergedMonths.contains(YearMonth.from(d).toString());
        for (LocalDate[] run : runs(from, to, d -> !inMergedMonth.test(d))) {
            groups.read(connection, VisitGroups.Table.DAY, by, run[0].toString(), run[1].toString(), groupedDays);
        }
        for (LocalDate[] run : runs(from, to, d -> !groupedDays.contains(d.toString()))) {
            groups.addVisits(connection, run[0].toString(), run[1].toString(), List.of(by));
        }
        return groups.of(by);
    }

    /** The runs of consecutive days of the range that pass the test, as first and last day. */
    private static List<LocalDate[]> runs(LocalDate from, LocalDate to, Predicate<LocalDate> test) {
        List<LocalDate[]> out = new ArrayList<>();
        LocalDate start = null;
        for (LocalDate d = from; !d.isAfter(to.plusDays(1)); d = d.plusDays(1)) {
            boolean in = !d.isAfter(to) && test.test(d);
            if (in && start == null) {
                start = d;
            } else if (!in && start != null) {
                out.add(new LocalDate[] {start, d.minusDays(1)});
                start = null;
            }
        }
        return out;
    }

    /** Per group, the transfers made (by service: out of that service; by counter or clerk: made there). */
    public Map<String, Integer> transfers(LocalDate from, LocalDate to, HistoryDimension by) throws SQLException {
        String groupBy = switch (by) {
            case SERVICE -> "from_service";
            case COUNTER -> "counter";
            case CLERK -> "clerk";
            case HOUR -> "hour";
            case WEEKDAY_HOUR -> "weekday, hour";
        };
        // the columns a view does not group by are read but not used (SQLite takes them from any row)
        String sql = "SELECT from_service, counter, clerk, hour, weekday, COUNT(*) FROM visit_transfer "
                + "WHERE day BETWEEN ? AND ? GROUP BY " + groupBy;
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int counter = rs.getInt(2);
                    String key = VisitGroups.key(by, rs.getString(1), rs.wasNull() ? null : counter, rs.getString(3),
                            rs.getInt(4), rs.getInt(5));
                    if (key != null) {
                        out.merge(key, rs.getInt(6), Integer::sum);
                    }
                }
            }
        }
        return out;
    }

    /** How many citizens of one service took a number in one hour (local, 0-23) of one office day. */
    public record HourlyArrivals(LocalDate day, String service, int hour, int count) {
    }

    /**
     * Visits per day, service and hour of issue in the range, for the staffing planner's forecast. The service
     * is the visit's last (after a transfer), the one the counters spent their time on.
     */
    public List<HourlyArrivals> hourlyArrivals(LocalDate from, LocalDate to) throws SQLException {
        List<HourlyArrivals> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT day, service, hour, COUNT(*) FROM visit "
                + "WHERE day BETWEEN ? AND ? GROUP BY day, service, hour")) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HourlyArrivals(LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getInt(3),
                            rs.getInt(4)));
                }
            }
        }
        return out;
    }

    /** Served visits of one service: how many, the mean and standard deviation of their service time. */
    public record ServiceTimes(String service, int served, double meanMs, double sdMs) {
    }

    /** Per service, the service times of visits served in the range, leaving out those under {@code minMs}. */
    public List<ServiceTimes> serviceTimes(LocalDate from, LocalDate to, long minMs) throws SQLException {
        List<ServiceTimes> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT service, COUNT(*), AVG(service_ms), "
                + "AVG(service_ms * service_ms) FROM visit WHERE day BETWEEN ? AND ? AND outcome = ? "
                + "AND service_ms >= ? GROUP BY service")) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            ps.setString(3, tw.queue.domain.TicketStatus.SERVED.wire());
            ps.setLong(4, minMs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double mean = rs.getDouble(3);
                    out.add(new ServiceTimes(rs.getString(1), rs.getInt(2), mean,
                            Math.sqrt(Math.max(0, rs.getDouble(4) - mean * mean))));
                }
            }
        }
        return out;
    }

    /** One event that starts or ends a wait: its type, time (epoch ms), ticket, and service (issued, or transferred to). */
    public record QueueStep(Class<? extends Event> type, long atMs, String ticketId, String service, String reason) {
    }

    /**
     * The events of one office day that start or end a wait (issued, called, transferred, cancelled), in order.
     * Their fields are read by SQLite's JSON functions from the logged bodies (what {@code EventCodec} writes:
     * the records' component names), a tenth of the cost of decoding every event of a day.
     */
    public List<QueueStep> queueStepsOfDay(LocalDate day) throws SQLException {
        Map<String, Class<? extends Event>> types = new HashMap<>();
        for (Class<? extends Event> t : List.of(Event.TicketIssued.class, Event.TicketCalled.class,
                Event.TicketTransferred.class, Event.TicketCancelled.class)) {
            types.put(EventTypes.of(t).name(), t);
        }
        String sql = "SELECT type, at_ms, json_extract(body, '$.ticketId'), "
                + "coalesce(json_extract(body, '$.toService'), json_extract(body, '$.service')), "
                + "json_extract(body, '$.reason') FROM event WHERE day = ? AND type IN (?, ?, ?, ?) ORDER BY seq";
        List<QueueStep> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, day.toString());
            int i = 2;
            for (String type : types.keySet()) {
                ps.setString(i++, type);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueueStep(types.get(rs.getString(1)), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }

    private Set<String> strings(String sql, String from, String to) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, from);
            ps.setString(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String min(Set<String> values) {
        return values.stream().min(String::compareTo).orElseThrow();
    }

    private static String max(Set<String> values) {
        return values.stream().max(String::compareTo).orElseThrow();
    }

    /** Which days and months are grouped (the groups' own SQL is in {@link VisitGroups}). */
    private interface Sql {
        String GROUPED_DAYS = "SELECT day FROM visit_rolled_day WHERE day BETWEEN ? AND ?";
        String MERGED_MONTHS = "SELECT month FROM visit_rolled_month WHERE month BETWEEN ? AND ?";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
