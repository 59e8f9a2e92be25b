package tw.queue.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.config.OperationsConfig;
import tw.queue.time.ManualClock;

/**
 * The backups on a schedule are kept keep-days and no longer: a backup a day for a week with keep-days 3 leaves
 * the last three days' (and today's), each a whole copy of the file; the next one is due every-hours after the
 * newest; an unfinished copy (a crash mid-copy) is never taken for a backup nor deleted as one.
 */
class BackupsKeepDaysTest {
    private static final Instant MONDAY = Instant.parse("2026-11-30T17:30:00Z");

    @Test
    void aWeekOfDailyBackupsKeepsTheLastKeepDays(@TempDir Path data) throws Exception {
        String url = "jdbc:sqlite:" + data.resolve("queue.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE event (seq INTEGER PRIMARY KEY, body TEXT)");
        }
        ManualClock clock = new ManualClock(MONDAY);
        Backups backups = new Backups(() -> DriverManager.getConnection(url), data,
                new OperationsConfig.Backup(Optional.empty(), 24, 3), clock);
        Path unfinished = backups.dir().resolve(Backups.fileName(MONDAY.minus(Duration.ofDays(30))) + ".partial");
        Files.createDirectories(backups.dir());
        Files.writeString(unfinished, "a copy cut off by a crash");

        for (int day = 0; day < 7; day++) {
            clock.setSeconds(Duration.ofDays(day).toSeconds());
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("INSERT INTO event (seq, body) VALUES (" + (day + 1) + ", 'day " + day + "')");
            }
            assertThat(backups.due()).as("day %d: a day after the last backup", day).isTrue();
            backups.take();
            assertThat(backups.due()).as("day %d: just taken", day).isFalse();
        }

        List<Instant> kept = backups.list().stream().map(Backups.Existing::at).sorted().toList();
        // taken on days 0-6 at 17:30; on day 6 the horizon is day 3 at 17:30, and day 3's own is not before it
        assertThat(kept).containsExactly(clock.at(Duration.ofDays(3).toSeconds()), clock.at(Duration.ofDays(4).toSeconds()),
                clock.at(Duration.ofDays(5).toSeconds()), clock.at(Duration.ofDays(6).toSeconds()));
        assertThat(Files.exists(unfinished)).as("the unfinished copy is not one of the backups").isTrue();
        // each kept backup is a whole copy of the file as it was that day
        for (int i = 0; i < kept.size(); i++) {
            Path file = backups.dir().resolve(Backups.fileName(kept.get(i)));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM event")) {
                assertThat(r.getInt(1)).as(file.getFileName().toString()).isEqualTo(4 + i);
            }
        }

        clock.advance(Duration.ofHours(23));
        assertThat(backups.due()).as("23 hours after the newest").isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(backups.due()).as("every-hours after the newest").isTrue();
    }
}
