package tw.queue.hub.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tw.queue.time.ManualClock;

/**
 * A fresh hub for each test of a class, on its own temporary data folder, closed after the test:
 * {@code @RegisterExtension final HubPerTest demo = HubPerTest.demo();} and
 * {@code private final HubClient hub = demo.client();} (the client reaches the hub once the test runs).
 */
public final class HubPerTest implements BeforeEachCallback, AfterEachCallback {
    /** Tuesday 1 December 2026, 09:00 in Taipei: where {@link #demoOnAManualClock()} starts. */
    public static final Instant TUESDAY_NINE_AM = Instant.parse("2026-12-01T01:00:00Z");

    private final Function<Path, TestHub> start;
    private final ManualClock clock;
    private Path data;
    private TestHub hub;
    private final HubClient client = new HubClient(() -> hub.url(""));

    private HubPerTest(Function<Path, TestHub> start, ManualClock clock) {
        this.start = start;
        this.clock = clock;
    }

    /** The demo hub (--demo). */
    public static HubPerTest demo() {
        return new HubPerTest(TestHub::demo, null);
    }

    /** The demo hub on a clock the test moves. */
    public static HubPerTest demoOn(Clock clock) {
        return new HubPerTest(data -> TestHub.demoOn(data, clock), null);
    }

    /** The demo hub on a {@link #clock()} the test moves, from {@link #TUESDAY_NINE_AM}. */
    public static HubPerTest demoOnAManualClock() {
        ManualClock clock = new ManualClock(TUESDAY_NINE_AM);
        return new HubPerTest(data -> TestHub.demoOn(data, clock), clock);
    }

    /** The clock of {@link #demoOnAManualClock()}. */
    public ManualClock clock() {
        if (clock == null) {
            throw new IllegalStateException("this hub runs on a clock the test does not hold");
        }
        return clock;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("queue-hub-test");
        hub = start.apply(data);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        hub.close();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Stops this test's hub and starts another on the same data, e.g. with other settings. */
    public TestHub replace(Function<Path, TestHub> other) {
        hub.close();
        hub = other.apply(data);
        return hub;
    }

    /** This test's data folder (the hub's SQLite file is {@code queue.db} in it). */
    public Path data() {
        return data;
    }

    public TestHub server() {
        return hub;
    }

    public HubClient client() {
        return client;
    }

    public String url(String path) {
        return hub.url(path);
    }
}
