package tw.queue.hub.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/** The key that signs staff tokens (JWT, HS256), kept in the database so tokens survive a hub restart. */
public final class TokenKeyStore {
    private final HubDatabase db;

    public TokenKeyStore(HubDatabase db) {
        this.db = db;
    }

    /** The key, made on first use. */
    public String key() throws SQLException {
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(Sql.SELECT)) {
            if (rs.next()) {
                String secret = rs.getString(1);
                db.connection().commit();
                return secret;
            }
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = Base64.getEncoder().encodeToString(bytes);
        try (PreparedStatement ps = db.connection().prepareStatement(Sql.INSERT)) {
            ps.setString(1, secret);
            ps.executeUpdate();
            db.connection().commit();
        }
        return secret;
    }

    private interface Sql {
        String SELECT = "SELECT secret FROM hub_secret WHERE id = 1";
        String INSERT = "INSERT INTO hub_secret (id, secret) VALUES (1, ?)";
    }
}
