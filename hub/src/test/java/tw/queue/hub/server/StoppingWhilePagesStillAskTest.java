package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.TestHub;
import tw.queue.testsupport.Await;

/**
 * The hub is stopped (a restart, an update) while manager pages are still asking for statistics. A reading that
 * arrived after the readers' pool had closed used to be rejected on the pool's queue, which then never ran
 * another task: the stop waited for ever (seen as a test run hanging in TestHub.stop on a loaded machine). A
 * request that still comes in as the hub stops is answered 503 hub-stopping, never 500.
 */
class StoppingWhilePagesStillAskTest {

    @Test
    void theHubStopsAndStartsAgainWhileStatisticsAreAskedForAllTheTime(@TempDir Path data) throws Exception {
        try (TestHub hub = TestHub.demo(data)) {
            String manager = hub.client().login("manager");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            AtomicBoolean asking = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            java.util.Queue<Integer> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
            ExecutorService pages = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) {
                pages.submit(() -> {
                    while (asking.get()) {
                        HttpRequest r = HttpRequest.newBuilder(URI.create(hub.url("/api/stats/day")))
                                .header("Authorization", "Bearer " + manager).timeout(Duration.ofSeconds(2)).build();
                        try {
                            int status = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status == 200) {
                                answered.incrementAndGet();
                            } else if (status != 503) {
                                wrong.add(status);
                            }
                        } catch (Exception refusedWhileDown) {
                            // the hub is between stop and start: the page tries again
                        }
                    }
                    return null;
                });
            }
            try {
                for (int round = 0; round < 3; round++) {
                    int before = answered.get();
                    Await.until(Duration.ofSeconds(20), () -> answered.get() > before + 20, "pages answered again");
                    CompletableFuture<Void> restart = CompletableFuture.runAsync(hub::restart);
                    restart.get(20, TimeUnit.SECONDS);
                }
            } finally {
                asking.set(false);
                pages.shutdown();
                assertThat(pages.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(wrong).as("answers other than 200, or 503 while stopping").isEmpty();
            assertThat(hub.client().get("/health").status()).isEqualTo(200);
        }
    }
}
