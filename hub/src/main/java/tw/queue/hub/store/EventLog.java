package tw.queue.hub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tw.queue.wire.EventCodec;
import tw.queue.wire.EventTypes;

/**
 * The event log, in the hub's database. Every append is one durable transaction: when it returns, the events
 * are on disk; when it throws, none of them is, and the log has re-read the file's last sequence number (after
 * rolling back, or reopening a connection a failed COMMIT left unusable). Used by one thread at a time (the
 * hub's single writer executor), except {@link #interrupt()}.
 */
public final class EventLog implements AutoCloseable {
    private final HubDatabase db;
    private final ZoneId zone;
    private VisitSummary visits;
    /** The {@link HubDatabase#generation()} of the connection {@link #visits} prepared its statements on. */
    private int visitsGeneration;
    private long lastSeq;
    /** A failure left the connection or the file's last sequence unknown: mend both before the next write. */
    private boolean unsure;

    /**
     * @param zone the office's time zone: the per-visit summary files each visit under its local hour and
     *             weekday. Folds into that summary any events it has not seen yet (an older database).
     */
    public EventLog(HubDatabase db, ZoneId zone) throws SQLException {
        this.db = db;
        this.zone = zone;
        this.visits = new VisitSummary(db.connection(), zone);
        visits.catchUp();
        this.lastSeq = queryLastSeq();
    }

    /** Opens a log of its own on {@code dataDir} (as the benchmark does); the hub shares one {@link HubDatabase}. */
    public static EventLog open(Path dataDir, ZoneId zone) throws SQLException {
        return new EventLog(HubDatabase.open(dataDir), zone);
    }

    public long lastSeq() {
        return lastSeq;
    }

    /**
     * Appends events in one durable transaction (with their fold into the per-visit summary), numbering them from {@code lastSeq() + 1}.
     * On failure nothing is written and the numbering is unchanged.
     */
    public List<LoggedEvent> append(List<DayEvent> events) throws SQLException {
        return append(events, Long.MAX_VALUE);
    }

    /**
     * As {@link #append(List)}, given up (rolled back, {@link SQLTimeoutException}) when it is still not ready to
     * commit at {@code deadlineNanos} ({@link System#nanoTime()}); {@link #interrupt()} stops a statement at once.
     */
    public List<LoggedEvent> append(List<DayEvent> events, long deadlineNanos) throws SQLException {
        if (unsure) {
            mend();
        }
        if (visitsGeneration != db.generation()) {
            // another store's failure reopened the shared connection
            visits = new VisitSummary(db.connection(), zone);
            visitsGeneration = db.generation();
        }
        Connection connection = db.connection();
        List<LoggedEvent> logged = new ArrayList<>(events.size());
        long seq = lastSeq;
        try (PreparedStatement ps = connection.prepareStatement(Sql.INSERT_EVENT)) {
            for (DayEvent de : events) {
                seq++;
                ps.setLong(1, seq);
                ps.setLong(2, de.event().at().toEpochMilli());
                ps.setString(3, de.day());
                ps.setString(4, EventTypes.nameOf(de.event()));
                ps.setString(5, EventCodec.toLog(de.event()));
                ps.addBatch();
                logged.add(new LoggedEvent(seq, de.event()));
            }
            ps.executeBatch();
            visits.apply(logged, events.stream().map(DayEvent::day).toList());
            visits.folded(seq);
            if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
                throw new SQLTimeoutException("the append was not ready to commit in time");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            afterFailure(e);
            throw e;
        }
        lastSeq = seq;
        return logged;
    }

    /** Rolls back (or reopens) and re-reads the file's last sequence; what cannot be done now is done later. */
    private void afterFailure(Exception cause) {
        try {
            mend();
        } catch (SQLException | RuntimeException e) {
            unsure = true;
            cause.addSuppressed(e);
        }
    }

    private void mend() throws SQLException {
        unsure = true;
        if (db.recover()) {
            visits = new VisitSummary(db.connection(), zone);
            visitsGeneration = db.generation();
        }
        lastSeq = queryLastSeq();
        unsure = false;
    }

    /**
     * Whether the file can be written: mends the connection if a failure left it unsure, then commits a write
     * that changes nothing. Throws what the disk says (full, I/O error) while it cannot.
     */
    public void probe() throws SQLException {
        try {
            if (unsure) {
                mend();
            }
            db.probeWrite();
        } catch (SQLException | RuntimeException e) {
            afterFailure(e);
            throw e;
        }
    }

    /** Stops the statement the writer's thread is running (any thread may call this): it fails, rolled back. */
    public void interrupt() {
        try {
            db.connection().unwrap(org.sqlite.SQLiteConnection.class).getDatabase().interrupt();
        } catch (SQLException | RuntimeException ignored) {
            // nothing running, or the connection is being replaced: nothing to stop
        }
    }

    /** An event with the office day it belongs to. */
    public record DayEvent(String day, tw.queue.domain.Event event) {
    }

    /** Every event of one office day (ISO date), in order. */
    public List<LoggedEvent> ofDay(String day) throws SQLException {
        return events(Sql.EVENTS_OF_DAY, day);
    }

    /** Every event of the most recent office day, in order: what the live state folds. */
    public List<LoggedEvent> lastDay() throws SQLException {
        Optional<String> day = Optional.empty();
        Connection connection = db.connection();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(Sql.LAST_DAY)) {
            if (rs.next()) {
                day = Optional.ofNullable(rs.getString(1));
            }
        }
        if (day.isEmpty()) {
            return List.of();
        }
        return events(Sql.EVENTS_OF_DAY, day.get());
    }

    /** The latest event of a type (the standing announcement, set on an earlier day maybe). */
    public Optional<LoggedEvent> lastOfType(String type) throws SQLException {
        return events(Sql.LAST_OF_TYPE, type).stream().findFirst();
    }

    /** Events of one type logged since a time (epoch milliseconds), oldest first. */
    public List<LoggedEvent> ofTypeSince(String type, long sinceMs) throws SQLException {
        return events(Sql.OF_TYPE_SINCE, type, sinceMs);
    }

    /** Events after {@code seq}, oldest first, at most {@code limit}. */
    public List<LoggedEvent> after(long seq, int limit) throws SQLException {
        return events(Sql.EVENTS_AFTER, seq, limit);
    }

    /** Runs one of the event queries with its parameters, in a read transaction of its own. */
    private List<LoggedEvent> events(String sql, Object... params) throws SQLException {
        if (unsure) {
            mend();
        }
        Connection connection = db.connection();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<LoggedEvent> out = read(ps);
            connection.commit();
            return out;
        } catch (SQLException | RuntimeException e) {
            afterFailure(e);
            throw e;
        }
    }

    private List<LoggedEvent> read(PreparedStatement ps) throws SQLException {
        List<LoggedEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LoggedEvent(rs.getLong(1), EventCodec.fromLog(rs.getString(2))));
            }
        }
        return out;
    }

    private long queryLastSeq() throws SQLException {
        Connection connection = db.connection();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(Sql.LAST_SEQ)) {
            long v = rs.next() ? rs.getLong(1) : 0;
            connection.commit();
            return v;
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }

    /** All SQL of the event log, in one place. */
    private interface Sql {
        String INSERT_EVENT = "INSERT INTO event (seq, at_ms, day, type, body) VALUES (?, ?, ?, ?, ?)";
        String LAST_SEQ = "SELECT COALESCE(MAX(seq), 0) FROM event";
        String LAST_DAY = "SELECT day FROM event ORDER BY seq DESC LIMIT 1";
        String EVENTS_OF_DAY = "SELECT seq, body FROM event WHERE day = ? ORDER BY seq";
        String LAST_OF_TYPE = "SELECT seq, body FROM event WHERE type = ? ORDER BY seq DESC LIMIT 1";
        String EVENTS_AFTER = "SELECT seq, body FROM event WHERE seq > ? ORDER BY seq LIMIT ?";
        String OF_TYPE_SINCE = "SELECT seq, body FROM event WHERE type = ? AND at_ms >= ? ORDER BY seq";
    }
}
