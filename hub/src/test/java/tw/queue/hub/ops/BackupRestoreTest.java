package tw.queue.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.testsupport.HubProcess;

/**
 * "The hub's disk is lost after the morning's backup." A demo hub runs as its own process; three numbers are
 * taken, the manager makes a backup ({@code POST /api/backup}), two more numbers are taken, and the hub is
 * killed with SIGKILL. The README's restore is then followed to the letter: the data file (and its -wal and -shm)
 * replaced by the backup, the hub started again. The office is as the backup left it: the next number is the
 * fourth, not the sixth.
 */
@Tag("slow")
@Timeout(value = 360, unit = TimeUnit.SECONDS)
class BackupRestoreTest {
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    private HubProcess hub;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void theBackupIsWhatARestoredHubShows() throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("hub.log");
        hub = HubProcess.start(data, log, List.of(), START);
        int first = issue().getInteger("number");
        issue();
        int third = issue().getInteger("number");
        String manager = new JsonObject(post("/api/login", null,
                "{\"username\":\"manager\",\"password\":\"demo\"}").body()).getString("token");

        assertThat(post("/api/backup", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> made = post("/api/backup", manager, null);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonObject backup = new JsonObject(made.body());
        Path file = Path.of(backup.getString("file"));
        assertThat(file).exists().hasParent(data.resolve("backups").toAbsolutePath());
        assertThat(Files.size(file)).isEqualTo(backup.getLong("bytes")).isPositive();
        System.out.printf("backup of %d bytes taken in %d ms%n", backup.getLong("bytes"), backup.getLong("tookMs"));

        issue();
        assertThat(issue().getInteger("number")).isEqualTo(third + 2);
        hub.kill9();

        // The README's restore: with the hub stopped, the backup over the data file, its -wal and -shm removed.
        Files.deleteIfExists(data.resolve("queue.db-wal"));
        Files.deleteIfExists(data.resolve("queue.db-shm"));
        Files.copy(file, data.resolve("queue.db"), StandardCopyOption.REPLACE_EXISTING);
        hub = HubProcess.start(data, log, List.of(), START);

        assertThat(issue().getInteger("number")).as("the first number after the restore").isEqualTo(third + 1);
        assertThat(third).isEqualTo(first + 2);
    }

    private JsonObject issue() throws Exception {
        HttpResponse<String> r = post("/api/tickets", "demo-kiosk-1", "{\"service\":\"transcript\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(hub.uri(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
