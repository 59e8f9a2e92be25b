package tw.queue.hub.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh hub for each test of a class, on its own temporary data folder, closed after the test:
 * {@code @RegisterExtension final HubPerTest demo = HubPerTest.demo();}, then {@code demo.client()}.
 */
public final class HubPerTest implements BeforeEachCallback, AfterEachCallback {
    private final Function<Path, TestHub> start;
    private Path data;
    private TestHub hub;

    private HubPerTest(Function<Path, TestHub> start) {
        this.start = start;
    }

    /** The demo hub (--demo). */
    public static HubPerTest demo() {
        return new HubPerTest(TestHub::demo);
    }

    /** The demo hub on a clock the test moves. */
    public static HubPerTest demoOn(Clock clock) {
        return new HubPerTest(data -> TestHub.demoOn(data, clock));
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

    public TestHub server() {
        return hub;
    }

    public HubClient client() {
        return hub.client();
    }
}
