package tw.queue.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tw.queue.wire.EventCodec;

/**
 * Reads of the event log on a read-only connection of its own, never the writer's: the event stream's catch-up
 * and the day statistics. In WAL mode it reads the last committed state while the writer goes on appending, so
 * a stranger replaying the whole log slows no one's ticket. Used by one thread at a time.
 */
public final class EventReader implements AutoCloseable {
    private final Connection connection;

    public EventReader(HubDatabase db) throws SQLException {
        this.connection = db.openReader();
        connection.setAutoCommit(false);
    }

    /** Events after {@code seq}, oldest first, at most {@code limit}. */
    public List<LoggedEvent> after(long seq, int limit) throws SQLException {
        return events(Sql.AFTER, seq, limit);
    }

    /** Every event of one office day (ISO date), in order. */
    public List<LoggedEvent> ofDay(String day) throws SQLException {
        return events(Sql.OF_DAY, day);
    }

    /** The newest {@code limit} events, oldest first. */
    public List<LoggedEvent> newest(int limit) throws SQLException {
        List<LoggedEvent> out = events(Sql.NEWEST, limit);
        Collections.reverse(out);
        return out;
    }

    /** One query in a read transaction of its own, ended at once so the log's checkpoints are not held up. */
    private List<LoggedEvent> events(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<LoggedEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LoggedEvent(rs.getLong(1), EventCodec.fromLog(rs.getString(2))));
                }
            }
            return out;
        } finally {
            connection.rollback();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private interface Sql {
        String AFTER = "SELECT seq, body FROM event WHERE seq > ? ORDER BY seq LIMIT ?";
        String OF_DAY = "SELECT seq, body FROM event WHERE day = ? ORDER BY seq";
        String NEWEST = "SELECT seq, body FROM event ORDER BY seq DESC LIMIT ?";
    }
}
