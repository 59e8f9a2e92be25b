package tw.queue.hub.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/**
 * The hub's SQLite file ({@code dataDir/queue.db}), migrated by Flyway, and its one connection: the stores
 * ({@link EventLog}, {@link PairedDeviceStore}, {@link TokenKeyStore}) share it, used by one thread at a time
 * (the hub's single writer executor). WAL mode with synchronous=FULL: a commit is on disk when it returns.
 */
public final class HubDatabase implements AutoCloseable {
    private static final String PRAGMAS = "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000&foreign_keys=true";

    final Connection connection;
    private final String url;

    private HubDatabase(Connection connection, String url) {
        this.connection = connection;
        this.url = url;
    }

    /** Opens (creating if needed) the database in {@code dataDir}, migrating its schema first. */
    public static HubDatabase open(Path dataDir) {
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
            return new HubDatabase(c, url);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the hub's database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A read-only connection of its own, for history queries off the writer's thread: in WAL mode it reads
     * the last committed state while the writer goes on. The caller closes it.
     */
    public Connection openReader() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        return DriverManager.getConnection(url.substring(0, url.indexOf('?')), config.toProperties());
    }

    void rollbackQuietly() {
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
}
