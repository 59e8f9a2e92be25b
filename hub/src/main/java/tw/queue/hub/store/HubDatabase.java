package tw.queue.hub.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The hub's SQLite file ({@code dataDir/queue.db}), migrated by Flyway, and its one connection: the stores
 * ({@link EventLog}, {@link PairedDeviceStore}, {@link TokenKeyStore}) share it, used by one thread at a time
 * (the hub's single writer executor). WAL mode with synchronous=FULL: a commit is on disk when it returns.
 * After a failure the connection is rolled back, or reopened when that fails ({@link #recover()}): sqlite-jdbc's
 * commit runs {@code COMMIT} then {@code BEGIN}, so a COMMIT that fails (a full disk) can leave SQLite in
 * autocommit while JDBC believes a transaction is open, and every later statement would commit on its own.
 */
public final class HubDatabase implements AutoCloseable {
    private static final String PRAGMAS = "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000&foreign_keys=true";

    /** Volatile: {@link EventLog#interrupt()} reads it from another thread. */
    private volatile Connection connection;
    private int generation;
    private final String url;
    private final Path dataDir;
    /** The free space below which the disk still counts as full while the hub waits for it. */
    private static final long PROBE_MIN_FREE_BYTES = 1024 * 1024;

    private HubDatabase(Connection connection, String url, Path dataDir) {
        this.connection = connection;
        this.url = url;
        this.dataDir = dataDir;
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
            return new HubDatabase(c, url, dataDir);
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

    /** The writer's connection, as it is now (it is replaced after a failure the rollback cannot mend). */
    Connection connection() {
        return connection;
    }

    void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    /**
     * After a failed write: rolls the open transaction back and starts a fresh one; when that fails (no
     * transaction was active: SQLite rolled it back by itself and the connection is in autocommit; or the
     * connection is broken), closes the connection and opens a new one. Returns true when it had to reopen.
     * Throws when the file cannot be opened again (the caller tries again later).
     */
    boolean recover() throws SQLException {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
                return false;
            }
        } catch (SQLException notInATransaction) {
            // fall through: reopen
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it is being replaced
        }
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        connection = c;
        generation++;
        return true;
    }

    /** {@link #recover()} for a store's failed write, whose own failure is what its caller needs to see. */
    void recoverQuietly(SQLException failure) {
        try {
            recover();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Counts the connections opened after the first: statements prepared on an older one must be prepared again. */
    int generation() {
        return generation;
    }

    /**
     * A small durable write that changes nothing (the token key row rewritten as it is): whether the file can
     * be written again, while the hub waits for a full disk to be freed.
     */
    void probeWrite() throws SQLException {
        long free = usableSpace();
        if (free < PROBE_MIN_FREE_BYTES) {
            // A one-page write may still fit in the log's old space; the next batch would not.
            throw new SQLiteException("[SQLITE_FULL] only " + free + " bytes free in " + dataDir,
                    SQLiteErrorCode.SQLITE_FULL);
        }
        try (Statement s = connection.createStatement()) {
            s.executeUpdate(Sql.PROBE);
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(dataDir).getUsableSpace();
        } catch (java.io.IOException e) {
            return Long.MAX_VALUE; // cannot tell: let the write itself say
        }
    }

    private interface Sql {
        String PROBE = "UPDATE hub_secret SET secret = secret WHERE id = 1";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
