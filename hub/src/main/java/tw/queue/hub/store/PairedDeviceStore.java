package tw.queue.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Kiosks and boards paired at run time with a one-time code, beside the devices of the office config. */
public final class PairedDeviceStore {
    private final HubDatabase db;

    public PairedDeviceStore(HubDatabase db) {
        this.db = db;
    }

    /** A device paired at run time: its id, type (a Role's wire name: kiosk, board) and the SHA-256 of its token. */
    public record PairedDevice(String id, String type, String tokenHash) {
    }

    public List<PairedDevice> all() throws SQLException {
        List<PairedDevice> out = new ArrayList<>();
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(Sql.ALL)) {
            while (rs.next()) {
                out.add(new PairedDevice(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        } finally {
            db.connection().commit();
        }
        return out;
    }

    public void add(PairedDevice d, long pairedMs) throws SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement(Sql.INSERT)) {
            ps.setString(1, d.id());
            ps.setString(2, d.type());
            ps.setString(3, d.tokenHash());
            ps.setLong(4, pairedMs);
            ps.executeUpdate();
            db.connection().commit();
        } catch (SQLException e) {
            // not just a rollback: a failed COMMIT may have left the shared connection in autocommit
            db.recoverQuietly(e);
            throw e;
        }
    }

    private interface Sql {
        String ALL = "SELECT id, type, token_hash FROM paired_device ORDER BY id";
        String INSERT = "INSERT INTO paired_device (id, type, token_hash, paired_ms) VALUES (?, ?, ?, ?)";
    }
}
