package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * Eight kiosks issue numbers as fast as the hub answers while a board and a phone follow the stream: numbers are
 * committed while a round of the fan-out is still being written, so the rounds follow each other back to back
 * (each waits for the stream loops to have written the last); both followers get every event, in order, none
 * twice.
 */
class FollowersThroughABurstTest {
    private static final String[] SERVICES = {"registration", "transcript", "id-card", "seal", "passport", "cdc"};

    @Test
    void eightKiosksAtOnceAndEveryFollowerGetsEveryEventInOrder() throws Exception {
        Path data = Files.createTempDirectory("hub-burst");
        try (TestHub hub = TestHub.demo(data)) {
            long from = hub.client().queue().getLong("seq");
            try (SseReader board = new SseReader(hub.url(""), from);
                 SseReader phone = new SseReader(hub.url(""), from)) {
                ExecutorService kiosks = Executors.newFixedThreadPool(8);
                List<Future<?>> done = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    int kiosk = k;
                    done.add(kiosks.submit(() -> {
                        HubClient client = hub.client();
                        for (int i = 0; i < 40; i++) {
                            client.issue(SERVICES[(kiosk + i) % SERVICES.length]);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                kiosks.shutdown();
                long last = hub.client().queue().getLong("seq");
                assertThat(last - from).as("events of 320 numbers").isGreaterThanOrEqualTo(320);
                List<Long> every = LongStream.rangeClosed(from + 1, last).boxed().toList();
                for (SseReader follower : List.of(board, phone)) {
                    assertThat(follower.until(last, Duration.ofSeconds(10))).extracting(SseReader.Message::id)
                            .as("every event, in order, once").containsExactlyElementsOf(every);
                }
            }
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
