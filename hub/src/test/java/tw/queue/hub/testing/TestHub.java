package tw.queue.hub.testing;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.hub.DemoOffice;
import tw.queue.hub.server.HubSettings;
import tw.queue.hub.server.HubVerticle;

/**
 * The one hub starter of the tests: a real hub in this JVM on a loopback port, its SQLite file in the given
 * folder. It can be stopped and started again on the same port and data, as when the office's hub restarts.
 * (The durability tests start the hub as a child process instead: see HubProcess.)
 */
public final class TestHub implements AutoCloseable {
    /** Cheap hashes for the demo accounts: logins in tests cost milliseconds, not 0.3 s each. */
    static final int TEST_HASH_ITERATIONS = 1_000;
    public static final OfficeConfig DEMO =
            DemoOffice.with(OfficeConfigLoader.loadBundledSample(), TEST_HASH_ITERATIONS);

    private final Vertx vertx = Vertx.vertx();
    private HubSettings settings;
    private String deployment;
    private int port;
    private HubClient client;
    private HubVerticle verticle;

    private TestHub(HubSettings settings) {
        this.settings = settings;
    }

    /** The demo hub (--demo): demo accounts and device tokens, tickets at any hour. */
    public static TestHub demo(Path data) {
        return start(HubSettings.of(DEMO, data, "127.0.0.1", 0, true));
    }

    /** A real office's hub (no --demo): devices must be paired and clerks sign in; hours not kept, for the test. */
    public static TestHub office(Path data) {
        HubSettings real = HubSettings.of(DEMO, data, "127.0.0.1", 0, false);
        return start(real.withHours(false, real.clock()));
    }

    /** The demo office with opening hours kept, at the given moment. */
    public static TestHub demoAt(Path data, Clock clock) {
        return start(HubSettings.of(DEMO, data, "127.0.0.1", 0, true).withHours(true, clock));
    }

    /** The demo hub on a clock the test moves (opening hours not kept). */
    public static TestHub demoOn(Path data, Clock clock) {
        return start(HubSettings.of(DEMO, data, "127.0.0.1", 0, true).withHours(false, clock));
    }

    /** The demo hub with other timeouts and rate limits. */
    public static TestHub demoWithLimits(Path data, tw.queue.hub.server.Limits limits) {
        return start(HubSettings.of(DEMO, data, "127.0.0.1", 0, true).withLimits(limits));
    }

    /** The demo hub with other counter rules: CounterRules.NONE for tests about something else. */
    /** A demo hub listening on {@code host}, as the command line chose it. */
    public static TestHub demoListeningOn(Path data, String host) {
        return start(HubSettings.of(DEMO, data, host, 0, true));
    }

    /** The demo hub of another office file (e.g. other operations settings), listening on {@code host}. */
    public static TestHub demoOf(Path data, OfficeConfig office, String host, Clock clock) {
        return start(HubSettings.of(office, data, host, 0, true).withHours(false, clock));
    }

    public static TestHub demo(Path data, tw.queue.config.CounterRules rules) {
        return start(HubSettings.of(DEMO.withCounterRules(rules), data, "127.0.0.1", 0, true));
    }

    private static TestHub start(HubSettings settings) {
        TestHub hub = new TestHub(settings);
        hub.deploy();
        return hub;
    }

    private void deploy() {
        verticle = new HubVerticle(settings);
        deployment = vertx.deployVerticle(verticle).await();
        port = verticle.port();
        if (settings.port() == 0) {
            // From now on, the same port: pages and clients reconnect to where the hub was.
            settings = settings.withPort(port);
            client = new HubClient(url(""));
        }
    }

    public void stop() {
        vertx.undeploy(deployment).await();
        deployment = null;
    }

    public void startAgain() {
        deploy();
    }

    /** Stops the hub and starts it again on the same port and data. */
    public void restart() {
        stop();
        startAgain();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    /** The hub's own Vert.x (as HubMain's, e.g. for the city publisher's timer). */
    public Vertx vertx() {
        return vertx;
    }

    /** The running hub (e.g. to give it a city view, or take its summary for the city). */
    public HubVerticle verticle() {
        return verticle;
    }

    public HubClient client() {
        return client;
    }

    @Override
    public void close() {
        if (deployment != null) {
            stop();
        }
        vertx.close().await();
    }
}
