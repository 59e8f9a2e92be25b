package tw.queue.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.server.Limits;
import tw.queue.hub.testing.HistoryGenerator;
import tw.queue.hub.testing.RawHttp;
import tw.queue.hub.testing.TestHub;

/**
 * Strangers on the LAN replay the whole public event stream from {@code Last-Event-ID: 0}, again and again,
 * while the kiosk issues numbers. The replay never runs on the writer's thread (it reads from memory, or from a
 * read-only connection of its own, a few pages at a time), so the kiosk's numbers come as fast as before, and
 * every stranger still gets every event, in order, without a gap.
 */
@org.junit.jupiter.api.Tag("slow")
class StrangersReplayingTheStreamTest {
    private static final LocalDate YESTERDAY = LocalDate.of(2026, 11, 30);
    private static final int TICKETS = 20;

    @TempDir
    Path data;

    @Test
    void twoHundredStrangersReplayingTheDayDoNotSlowTheKiosk() throws Exception {
        // an office day of some 3,700 events, as in the report (3,124 events stalled issuing for 3.8 s)
        new HistoryGenerator(TestHub.DEMO, 1_000, 11).write(data, YESTERDAY, 1);
        try (TestHub hub = TestHub.demo(data)) {
            long last = hub.client().queue().getLong("seq");
            hub.client().issue("transcript");
            long[] baseline = issueTimes(hub);

            AtomicInteger onTheWriter = new AtomicInteger();
            AtomicBoolean replaying = new AtomicBoolean(true);
            Thread writer = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("sqlite-writer")).findFirst().orElseThrow();
            // one thread's stack at a time: sampling every thread would stop the whole JVM each time
            Thread sampler = new Thread(() -> {
                while (replaying.get()) {
                    if (readsTheLog(writer.getStackTrace())) {
                        onTheWriter.incrementAndGet();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // a sample every 2 ms
                }
            }, "replay-sampler");
            sampler.setDaemon(true);
            sampler.start();

            ExecutorService strangers = Executors.newFixedThreadPool(200);
            List<Future<String>> replays = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String from = "127.0.2." + (i + 1);
                replays.add(strangers.submit(() -> replay(hub.port(), from, last)));
            }
            long[] during = issueTimes(hub);
            for (Future<String> r : replays) {
                assertThat(r.get()).isEqualTo("every event from 1 to " + last + " in order");
            }
            replaying.set(false);
            strangers.shutdown();

            long p50Before = median(baseline);
            long p50During = median(during);
            System.out.printf("[stream replay] ticket issue p50 before %.1f ms, during 200 replays of %d events"
                    + " %.1f ms (x%.1f)%n", p50Before / 1e6, last, p50During / 1e6, (double) p50During / p50Before);
            assertThat(onTheWriter.get()).as("samples of the writer's thread reading the log for the stream").isZero();
            // the whole day was in memory from the start: not one page read from the disk
            assertThat(hub.client().get("/health").json().getLong("streamPagesFromLog")).isZero();
            assertThat(p50During).as("median ticket issue during the replays, ns")
                    .isLessThanOrEqualTo(10 * p50Before + Duration.ofMillis(100).toNanos());
        }
    }

    @Test
    void strangersBeyondTheMemoryTakeTurnsAtTheLogAndStillMissNothing() throws Exception {
        new HistoryGenerator(TestHub.DEMO, 1_000, 12).write(data, YESTERDAY, 1);
        // memory for 200 events only, two pages read at once: nearly the whole day comes from the disk
        Limits small = Limits.DEFAULT.withStream(2, 200);
        try (TestHub hub = TestHub.demoWithLimits(data, small)) {
            long last = hub.client().queue().getLong("seq");
            AtomicInteger mostAtOnce = new AtomicInteger();
            AtomicInteger mostWaiting = new AtomicInteger();
            AtomicBoolean replaying = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (replaying.get()) {
                    JsonObject health = hub.client().get("/health").json();
                    mostAtOnce.accumulateAndGet(health.getInteger("streamCatchingUp"), Math::max);
                    mostWaiting.accumulateAndGet(health.getInteger("streamWaitingToCatchUp"), Math::max);
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // a look every 2 ms
                }
            }, "health-watcher");
            watcher.setDaemon(true);
            watcher.start();

            ExecutorService strangers = Executors.newFixedThreadPool(40);
            List<Future<String>> replays = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String from = "127.0.3." + (i + 1);
                replays.add(strangers.submit(() -> replay(hub.port(), from, last)));
            }
            for (Future<String> r : replays) {
                assertThat(r.get()).isEqualTo("every event from 1 to " + last + " in order");
            }
            replaying.set(false);
            watcher.join();
            strangers.shutdown();

            JsonObject health = hub.client().get("/health").json();
            System.out.printf("[stream replay] 40 replays of %d events beyond memory: %d pages from the log, at most"
                    + " %d at once, %d waiting%n", last, health.getLong("streamPagesFromLog"), mostAtOnce.get(),
                    mostWaiting.get());
            assertThat(mostAtOnce.get()).as("pages read from the log at once").isBetween(1, 2);
            assertThat(mostWaiting.get()).as("clients that waited their turn").isPositive();
            assertThat(health.getLong("streamPagesFromLog")).isGreaterThanOrEqualTo(40L * (last - 200) / 500);
        }
    }

    @Test
    void aBoardReconnectingAfterAHubRestartIsServedFromMemory() throws Exception {
        new HistoryGenerator(TestHub.DEMO, 1_000, 13).write(data, YESTERDAY, 1);
        try (TestHub hub = TestHub.demo(data)) {
            long last = hub.client().queue().getLong("seq");
            hub.restart();
            // a board that was off all day catches up with the whole of it
            assertThat(replay(hub.port(), "127.0.0.40", last)).isEqualTo("every event from 1 to " + last + " in order");
            assertThat(hub.client().get("/health").json().getLong("streamPagesFromLog")).isZero();
        }
    }

    private static boolean readsTheLog(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if ((f.getClassName().endsWith("EventLog") && f.getMethodName().equals("after"))
                    || f.getClassName().endsWith("EventReader")) {
                return true;
            }
        }
        return false;
    }

    /** Follows the stream from 0 until event {@code last}; says whether every id came, once, in order. */
    private static String replay(int port, String from, long last) throws Exception {
        try (Socket s = RawHttp.connect(port, from)) {
            s.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: 0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            long expected = 1;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    long id = Long.parseLong(line.substring(4).trim());
                    if (id != expected) {
                        return "event " + id + " where " + expected + " was due";
                    }
                    if (id == last) {
                        return "every event from 1 to " + last + " in order";
                    }
                    expected++;
                }
            }
            return "the stream ended at " + (expected - 1);
        }
    }

    private static long[] issueTimes(TestHub hub) {
        long[] times = new long[TICKETS];
        for (int i = 0; i < TICKETS; i++) {
            long t0 = System.nanoTime();
            hub.client().issue("transcript");
            times[i] = System.nanoTime() - t0;
        }
        return times;
    }

    private static long median(long[] values) {
        List<Long> sorted = new ArrayList<>();
        for (long v : values) {
            sorted.add(v);
        }
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
