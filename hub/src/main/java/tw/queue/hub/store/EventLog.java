package tw.queue.hub.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import tw.queue.wire.EventCodec;
import tw.queue.wire.EventTypes;

/**
 * The SQLite event log. One connection, used by one thread at a time (the hub's single writer executor).
 * Every append is one transaction in WAL mode with synchronous=FULL: when it returns, the events are on disk.
 */
public final class EventLog implements AutoCloseable {
    private static final String PRAGMAS = "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000&foreign_keys=true";

    private final Connection connection;
    private long lastSeq;

    private EventLog(Connection connection) throws SQLException {
        this.connection = connection;
        this.lastSeq = queryLastSeq();
    }

    /** Opens (creating if needed) the log in {@code dataDir/queue.db}, migrating its schema first. */
    public static EventLog open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            String url = "jdbc:sqlite:" + dataDir.resolve("queue.db").toAbsolutePath() + PRAGMAS;
            Flyway.configure()
                    .dataSource(url, null, null)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            Connection c = DriverManager.getConnection(url);
            c.setAutoCommit(false);
            return new EventLog(c);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the event log in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public long lastSeq() {
        return lastSeq;
    }

    /**
     * Appends events in one durable transaction, numbering them from {@code lastSeq() + 1}.
     * On failure nothing is written and the numbering is unchanged.
     */
    public List<LoggedEvent> append(List<DayEvent> events) throws SQLException {
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
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
        lastSeq = seq;
        return logged;
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

    /** A device paired at run time: its id, type (kiosk, board) and the SHA-256 of its token. */
    public record PairedDevice(String id, String type, String tokenHash) {
    }

    public List<PairedDevice> pairedDevices() throws SQLException {
        List<PairedDevice> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(Sql.PAIRED_DEVICES)) {
            while (rs.next()) {
                out.add(new PairedDevice(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        } finally {
            connection.commit();
        }
        return out;
    }

    public void addPairedDevice(PairedDevice d, long pairedMs) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(Sql.INSERT_PAIRED_DEVICE)) {
            ps.setString(1, d.id());
            ps.setString(2, d.type());
            ps.setString(3, d.tokenHash());
            ps.setLong(4, pairedMs);
            ps.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Events after {@code seq}, oldest first, at most {@code limit}. */
    public List<LoggedEvent> after(long seq, int limit) throws SQLException {
        return events(Sql.EVENTS_AFTER, seq, limit);
    }

    /** Runs one of the event queries with its parameters, in a read transaction of its own. */
    private List<LoggedEvent> events(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return read(ps);
        } finally {
            connection.commit();
        }
    }

    /** The key that signs staff tokens, made on first use. */
    public String tokenSecret() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(Sql.SECRET)) {
            if (rs.next()) {
                String secret = rs.getString(1);
                connection.commit();
                return secret;
            }
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = Base64.getEncoder().encodeToString(bytes);
        try (PreparedStatement ps = connection.prepareStatement(Sql.INSERT_SECRET)) {
            ps.setString(1, secret);
            ps.executeUpdate();
            connection.commit();
        }
        return secret;
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
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(Sql.LAST_SEQ)) {
            long v = rs.next() ? rs.getLong(1) : 0;
            connection.commit();
            return v;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
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
        String PAIRED_DEVICES = "SELECT id, type, token_hash FROM paired_device ORDER BY id";
        String INSERT_PAIRED_DEVICE = "INSERT INTO paired_device (id, type, token_hash, paired_ms) VALUES (?, ?, ?, ?)";
        String SECRET = "SELECT secret FROM hub_secret WHERE id = 1";
        String INSERT_SECRET = "INSERT INTO hub_secret (id, secret) VALUES (1, ?)";
    }
}
