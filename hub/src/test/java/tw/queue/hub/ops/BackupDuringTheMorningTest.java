package tw.queue.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;
import tw.queue.testsupport.Await;

/**
 * "The manager takes a backup at ten, with the lobby full." The copy of a large file takes seconds; a citizen
 * pressing the kiosk meanwhile must get a number at once. Every pool's tasks used to be submitted "ordered", and
 * Vert.x keeps one ordered queue per context for all pools: the writer's append waited behind the whole backup.
 */
class BackupDuringTheMorningTest {

    @Test
    void aNumberIsIssuedWhileTheBackupIsStillCopying(@TempDir Path data) throws Exception {
        try (TestHub hub = TestHub.demo(data)) {
            hub.stop();
            addBallast(data.resolve("queue.db"), 200);
            hub.startAgain();
            HubClient client = hub.client();
            String manager = client.login("manager");
            Path backups = data.resolve("backups");

            CompletableFuture<HubClient.Response> backup = client.postAsync("/api/backup", manager, null);
            Await.until(Duration.ofSeconds(20), () -> copying(backups) || backup.isDone(), "the backup's copy begun");
            assertThat(backup).as("the copy takes long enough to issue a number meanwhile").isNotDone();

            HubClient.Response issued = client.postJson("/api/tickets", "demo-kiosk-1",
                    new io.vertx.core.json.JsonObject().put("service", "transcript"));
            boolean backupStillRunning = !backup.isDone();
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            assertThat(backupStillRunning).as("the number came while the backup was still copying").isTrue();
            assertThat(backup.get().status()).isEqualTo(201);
        }
    }

    private static boolean copying(Path backups) {
        if (!Files.isDirectory(backups)) {
            return false;
        }
        try (Stream<Path> files = Files.list(backups)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".partial"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Megabytes of data the backup must copy, in a table of the test's own. */
    private static void addBallast(Path db, int megabytes) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE test_ballast (b BLOB)");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + megabytes + ") "
                    + "INSERT INTO test_ballast SELECT randomblob(1048576) FROM n");
        }
    }
}
