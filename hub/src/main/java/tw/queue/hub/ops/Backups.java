package tw.queue.hub.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.queue.config.OperationsConfig;

/**
 * Online backups of the hub's SQLite file: {@code VACUUM INTO} a new file on a connection of its own (in WAL
 * mode it reads one committed snapshot while the writer goes on appending), named after the moment it was
 * taken ({@code queue-20261201T013000Z.db}); backups older than keep-days are deleted after each new one.
 * Blocking: run it on a worker of its own, never on the writer's thread or an event loop.
 */
public final class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("queue-(\\d{8}T\\d{9}Z)\\.db");

    /** Opens a connection to the live database that the backup may use and then closes. */
    @FunctionalInterface
    public interface Source {
        Connection open() throws SQLException;
    }

    /** A backup taken: its file, its size, when, and how long the copy took. */
    public record Taken(Path file, long bytes, Instant at, Duration took) {
    }

    private final Source source;
    private final Path dir;
    private final OperationsConfig.Backup config;
    private final Clock clock;

    public Backups(Source source, Path dataDir, OperationsConfig.Backup config, Clock clock) {
        this.source = source;
        this.dir = config.dir().orElse(dataDir.resolve("backups")).toAbsolutePath();
        this.config = config;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** Takes a backup now, then deletes the ones past keep-days. */
    public synchronized Taken take() throws SQLException, IOException {
        Files.createDirectories(dir);
        Instant at = clock.instant();
        Path file = dir.resolve("queue-" + STAMP.format(at) + ".db");
        Path partial = dir.resolve(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        long start = System.nanoTime();
        try (Connection c = source.open(); Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + partial.toString().replace("'", "''") + "'");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // Only a complete copy gets a backup's name: a crash mid-copy leaves a .partial, never a bad backup.
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Taken taken = new Taken(file, Files.size(file), at, took);
        LOG.info("backup {} ({} bytes) taken in {} ms", file, taken.bytes(), took.toMillis());
        prune(at);
        return taken;
    }

    /** Whether the newest backup is older than every-hours (or there is none). */
    public boolean due() throws IOException {
        Optional<Instant> newest = list().stream().map(Existing::at).max(Instant::compareTo);
        return newest.isEmpty() || !newest.get().plus(Duration.ofHours(config.everyHours())).isAfter(clock.instant());
    }

    /** Deletes backups taken more than keep-days before {@code now}; returns the files deleted. */
    public List<Path> prune(Instant now) throws IOException {
        Instant horizon = now.minus(Duration.ofDays(config.keepDays()));
        List<Path> deleted = new ArrayList<>();
        for (Existing e : list()) {
            if (e.at().isBefore(horizon)) {
                Files.deleteIfExists(e.file());
                deleted.add(e.file());
                LOG.info("backup {} deleted (older than {} days)", e.file(), config.keepDays());
            }
        }
        return deleted;
    }

    /** The backups in the folder, by the time in their names. */
    public List<Existing> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Existing> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    try {
                        out.add(new Existing(p, Instant.from(STAMP.parse(m.group(1)))));
                    } catch (DateTimeParseException ignored) {
                        // not one of ours
                    }
                }
            }
        }
        return out;
    }

    /** The file name a backup taken at {@code at} gets (for tests and the README). */
    public static String fileName(Instant at) {
        return "queue-" + STAMP.format(at) + ".db";
    }

    public record Existing(Path file, Instant at) {
    }
}
