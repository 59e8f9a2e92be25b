package tw.queue.hub.web;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.hub.DemoOffice;
import tw.queue.hub.server.HubSettings;
import tw.queue.hub.server.HubVerticle;

/**
 * A real hub for the browser tests: the demo office on a loopback port, its SQLite file in a temporary folder.
 * It can be stopped and started again on the same port and data, as when the office's hub restarts.
 */
final class LiveHub implements AutoCloseable {
    static final OfficeConfig DEMO = DemoOffice.with(OfficeConfigLoader.loadBundledSample());

    private final Vertx vertx = Vertx.vertx();
    private HubSettings settings;
    private String deployment;
    private int port;

    private LiveHub(HubSettings settings) {
        this.settings = settings;
    }

    /** The demo hub (--demo): demo accounts and device tokens, tickets at any hour. */
    static LiveHub demo(Path data) {
        return start(HubSettings.of(DEMO, data, "127.0.0.1", 0, true));
    }

    /** A real office's hub (no --demo): devices must be paired and clerks sign in; hours not kept, for the test. */
    static LiveHub office(Path data) {
        HubSettings real = HubSettings.of(DEMO, data, "127.0.0.1", 0, false);
        return start(real.withHours(false, real.clock()));
    }

    /** The demo office with opening hours kept, at the given moment. */
    static LiveHub demoAt(Path data, Clock clock) {
        return start(HubSettings.of(DEMO, data, "127.0.0.1", 0, true).withHours(true, clock));
    }

    private static LiveHub start(HubSettings settings) {
        LiveHub hub = new LiveHub(settings);
        hub.deploy();
        return hub;
    }

    private void deploy() {
        HubVerticle verticle = new HubVerticle(settings);
        deployment = vertx.deployVerticle(verticle).await();
        port = verticle.port();
        if (settings.port() == 0) {
            // From now on, the same port: pages reconnect to where the hub was.
            settings = settings.withPort(port);
        }
    }

    void stop() {
        vertx.undeploy(deployment).await();
        deployment = null;
    }

    void startAgain() {
        deploy();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HubCalls calls() {
        return new HubCalls(url(""));
    }

    @Override
    public void close() {
        if (deployment != null) {
            stop();
        }
        vertx.close().await();
    }
}
