package tw.queue.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import tw.queue.hub.auth.Revocations;

/** Ended sessions in the hub's database (signed-out staff tokens, members' session generations, revoked devices). */
public final class RevocationStore {
    private final HubDatabase db;

    public RevocationStore(HubDatabase db) {
        this.db = db;
    }

    /** Every revocation still in force at {@code nowMs}; those lapsed by then (tokens expired anyway) are dropped. */
    public Revocations load(long nowMs) throws SQLException {
        Revocations into = new Revocations();
        try {
            try (PreparedStatement ps = db.connection().prepareStatement(Sql.DROP_LAPSED_TOKENS)) {
                ps.setLong(1, nowMs);
                ps.executeUpdate();
            }
            try (Statement s = db.connection().createStatement()) {
                try (ResultSet rs = s.executeQuery(Sql.TOKENS)) {
                    while (rs.next()) {
                        into.token(rs.getString(1), rs.getLong(2));
                    }
                }
                try (ResultSet rs = s.executeQuery(Sql.CUTS)) {
                    while (rs.next()) {
                        into.staff(rs.getString(1), rs.getLong(2));
                    }
                }
                try (ResultSet rs = s.executeQuery(Sql.DEVICES)) {
                    while (rs.next()) {
                        into.device(rs.getString(1));
                    }
                }
            }
            db.connection().commit();
        } catch (SQLException e) {
            // not just a rollback: a failed COMMIT may have left the shared connection in autocommit
            db.recoverQuietly(e);
            throw e;
        }
        return into;
    }

    /** A staff token signed out. */
    public void token(String tokenId, long expiresMs) throws SQLException {
        write(Sql.INSERT_TOKEN, tokenId, expiresMs);
    }

    /** The member's tokens of a generation below this one are refused. */
    public void staff(String username, long generation) throws SQLException {
        write(Sql.UPSERT_CUT, username, generation);
    }

    /** A device's token revoked; a paired device is forgotten too (its name may be paired again). */
    public void device(String tokenHash, String deviceId, long nowMs) throws SQLException {
        try {
            try (PreparedStatement ps = db.connection().prepareStatement(Sql.INSERT_DEVICE)) {
                ps.setString(1, tokenHash);
                ps.setString(2, deviceId);
                ps.setLong(3, nowMs);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.connection().prepareStatement(Sql.FORGET_PAIRED)) {
                ps.setString(1, tokenHash);
                ps.executeUpdate();
            }
            db.connection().commit();
        } catch (SQLException e) {
            // not just a rollback: a failed COMMIT may have left the shared connection in autocommit
            db.recoverQuietly(e);
            throw e;
        }
    }

    private void write(String sql, String key, long ms) throws SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setLong(2, ms);
            ps.executeUpdate();
            db.connection().commit();
        } catch (SQLException e) {
            // not just a rollback: a failed COMMIT may have left the shared connection in autocommit
            db.recoverQuietly(e);
            throw e;
        }
    }

    private interface Sql {
        String DROP_LAPSED_TOKENS = "DELETE FROM revoked_token WHERE expires_ms < ?";
        String TOKENS = "SELECT token_id, expires_ms FROM revoked_token";
        String CUTS = "SELECT username, generation FROM staff_session_cut";
        String DEVICES = "SELECT token_hash FROM revoked_device";
        String INSERT_TOKEN = "INSERT OR REPLACE INTO revoked_token (token_id, expires_ms) VALUES (?, ?)";
        String UPSERT_CUT = "INSERT INTO staff_session_cut (username, generation) VALUES (?, ?)"
                + " ON CONFLICT (username) DO UPDATE SET generation = MAX(generation, excluded.generation)";
        String INSERT_DEVICE = "INSERT OR REPLACE INTO revoked_device (token_hash, device_id, revoked_ms) VALUES (?, ?, ?)";
        String FORGET_PAIRED = "DELETE FROM paired_device WHERE token_hash = ?";
    }
}
