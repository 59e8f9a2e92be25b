package tw.queue.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.queue.domain.Event;
import tw.queue.domain.TicketStatus;
import tw.queue.wire.EventCodec;

/**
 * The per-visit summary tables ({@code visit}, {@code visit_transfer}), folded from the events as the log
 * appends them, inside the same transaction, so the history queries ({@link VisitQueries}) never fold
 * events. A visit's wait is from issue to first call, its service from the last call to finish (as in the
 * day statistics); its counter and clerk are those of its last call, finish or no-show. A batch is folded in
 * memory and each visit it touches written once; closed days are grouped for the history ({@link VisitRollups}).
 */
final class VisitSummary {
    private static final int CATCH_UP_BATCH = 20_000;

    private final Connection connection;
    private final ZoneId zone;
    private final PreparedStatement load;
    private final PreparedStatement save;
    private final PreparedStatement transferRow;
    private final PreparedStatement progress;
    private final VisitRollups rollups;

    VisitSummary(Connection connection, ZoneId zone) throws SQLException {
        this.connection = connection;
        this.zone = zone;
        load = connection.prepareStatement(Sql.LOAD);
        save = connection.prepareStatement(Sql.SAVE);
        transferRow = connection.prepareStatement(Sql.TRANSFER_ROW);
        progress = connection.prepareStatement(Sql.SET_PROGRESS);
        rollups = new VisitRollups(connection);
    }

    /** One visit's row. */
    private static final class Row {
        String day;
        String ticketId;
        String service;
        int hour;
        int weekday;
        long issuedMs;
        Long firstCalledMs;
        Long lastCalledMs;
        Long endedMs;
        Long serviceMs;
        String outcome;
        Integer counter;
        String clerk;
        String rating;

        void apply(Event e) {
            long at = e.at().toEpochMilli();
            if (e instanceof Event.TicketCalled c) {
                firstCalledMs = firstCalledMs == null ? at : firstCalledMs;
                lastCalledMs = at;
                counter = c.counter();
                clerk = c.clerk();
            } else if (e instanceof Event.TicketFinished f) {
                end(at, TicketStatus.SERVED, f.counter(), f.clerk());
                serviceMs = lastCalledMs == null ? null : at - lastCalledMs;
            } else if (e instanceof Event.TicketNoShow n) {
                end(at, TicketStatus.NO_SHOW, n.counter(), n.clerk());
            } else if (e instanceof Event.TicketCancelled c) {
                endedMs = at;
                outcome = (Event.TicketCancelled.DAY_CLOSED.equals(c.reason())
                        ? TicketStatus.NOT_SERVED : TicketStatus.CANCELLED).wire();
            } else if (e instanceof Event.TicketTransferred t) {
                service = t.toService();
            } else if (e instanceof Event.TicketRated r) {
                rating = r.rating();
            }
        }

        private void end(long at, TicketStatus status, int counter, String clerk) {
            endedMs = at;
            outcome = status.wire();
            this.counter = counter;
            this.clerk = clerk;
        }
    }

    /** Folds logged events (in the caller's transaction). */
    void apply(List<LoggedEvent> batch, List<String> days) throws SQLException {
        Map<String, Row> touched = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Event e = batch.get(i).event();
            if (!(e instanceof Event.TicketEvent te)) {
                continue;
            }
            Row row = touched.get(te.ticketId());
            if (e instanceof Event.TicketIssued issued) {
                row = new Row();
                ZonedDateTime local = issued.at().atZone(zone);
                row.day = days.get(i);
                row.ticketId = issued.ticketId();
                row.service = issued.service();
                row.hour = local.getHour();
                row.weekday = local.getDayOfWeek().getValue();
                row.issuedMs = issued.at().toEpochMilli();
            } else if (row == null) {
                row = load(te.ticketId());
                if (row == null) {
                    continue;
                }
            }
            row.apply(e);
            touched.put(te.ticketId(), row);
            if (e instanceof Event.TicketTransferred t) {
                transfer(batch.get(i).seq(), days.get(i), t);
            }
        }
        java.util.Set<String> touchedDays = new java.util.TreeSet<>();
        for (Row row : touched.values()) {
            save(row);
            touchedDays.add(row.day);
        }
        rollups.changed(touchedDays);
        for (LoggedEvent le : batch) {
            if (le.event() instanceof Event.DayClosed closed) {
                rollups.closed(closed.day().toString());
            }
        }
    }

    private Row load(String ticketId) throws SQLException {
        load.setString(1, ticketId);
        try (ResultSet rs = load.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            Row r = new Row();
            r.day = rs.getString(1);
            r.ticketId = rs.getString(2);
            r.service = rs.getString(3);
            r.hour = rs.getInt(4);
            r.weekday = rs.getInt(5);
            r.issuedMs = rs.getLong(6);
            r.firstCalledMs = longOrNull(rs, 7);
            r.lastCalledMs = longOrNull(rs, 8);
            r.endedMs = longOrNull(rs, 9);
            r.serviceMs = longOrNull(rs, 11);
            r.outcome = rs.getString(12);
            Long counter = longOrNull(rs, 13);
            r.counter = counter == null ? null : counter.intValue();
            r.clerk = rs.getString(14);
            r.rating = rs.getString(15);
            return r;
        }
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private void save(Row r) throws SQLException {
        save.setString(1, r.day);
        save.setString(2, r.ticketId);
        save.setString(3, r.service);
        save.setInt(4, r.hour);
        save.setInt(5, r.weekday);
        save.setLong(6, r.issuedMs);
        setLong(7, r.firstCalledMs);
        setLong(8, r.lastCalledMs);
        setLong(9, r.endedMs);
        setLong(10, r.firstCalledMs == null ? null : r.firstCalledMs - r.issuedMs);
        setLong(11, r.serviceMs);
        save.setString(12, r.outcome);
        if (r.counter == null) {
            save.setNull(13, Types.INTEGER);
        } else {
            save.setInt(13, r.counter);
        }
        save.setString(14, r.clerk);
        save.setString(15, r.rating);
        save.executeUpdate();
    }

    private void setLong(int index, Long value) throws SQLException {
        if (value == null) {
            save.setNull(index, Types.INTEGER);
        } else {
            save.setLong(index, value);
        }
    }

    private void transfer(long seq, String day, Event.TicketTransferred t) throws SQLException {
        ZonedDateTime local = t.at().atZone(zone);
        transferRow.setString(1, day);
        transferRow.setLong(2, seq);
        transferRow.setString(3, t.ticketId());
        transferRow.setString(4, t.fromService());
        transferRow.setInt(5, t.counter());
        transferRow.setString(6, t.clerk());
        transferRow.setInt(7, local.getHour());
        transferRow.setInt(8, local.getDayOfWeek().getValue());
        transferRow.executeUpdate();
    }

    /** Records that everything up to {@code seq} is folded (in the caller's transaction). */
    void folded(long seq) throws SQLException {
        progress.setLong(1, seq);
        progress.executeUpdate();
    }

    /** Folds the events the tables have not seen yet (an older database, at its first start), in batches. */
    void catchUp() throws SQLException {
        long from;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(Sql.PROGRESS)) {
            from = rs.next() ? rs.getLong(1) : 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(Sql.EVENTS_AFTER)) {
            while (true) {
                ps.setLong(1, from);
                ps.setInt(2, CATCH_UP_BATCH);
                List<LoggedEvent> batch = new ArrayList<>();
                List<String> days = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        batch.add(new LoggedEvent(rs.getLong(1), EventCodec.fromLog(rs.getString(3))));
                        days.add(rs.getString(2));
                    }
                }
                if (batch.isEmpty()) {
                    connection.commit();
                    rollups.catchUp();
                    return;
                }
                apply(batch, days);
                from = batch.get(batch.size() - 1).seq();
                folded(from);
                connection.commit();
            }
        }
    }

    /** The summary tables' writes, in one place (their reads are in {@link VisitQueries}). */
    private interface Sql {
        String COLUMNS = "day, ticket_id, service, hour, weekday, issued_ms, first_called_ms, last_called_ms, "
                + "ended_ms, wait_ms, service_ms, outcome, counter, clerk, rating";
        String LOAD = "SELECT " + COLUMNS + " FROM visit WHERE ticket_id = ?";
        String SAVE = "INSERT OR REPLACE INTO visit (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String TRANSFER_ROW = "INSERT OR IGNORE INTO visit_transfer "
                + "(day, seq, ticket_id, from_service, counter, clerk, hour, weekday) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        String PROGRESS = "SELECT last_seq FROM visit_progress WHERE id = 1";
        String SET_PROGRESS = "UPDATE visit_progress SET last_seq = ? WHERE id = 1";
        String EVENTS_AFTER = "SELECT seq, day, body FROM event WHERE seq > ? ORDER BY seq LIMIT ?";
    }
}
