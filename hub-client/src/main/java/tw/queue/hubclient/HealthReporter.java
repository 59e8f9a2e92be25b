package tw.queue.hubclient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The device's heartbeat ({@code POST /api/devices/{id}/health}, DEVICE-API.md): at start, every 15 s, and at
 * once when a component's state changes. A hub that is down misses beats; the next one tells it everything.
 */
public final class HealthReporter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HealthReporter.class.getName());
    public static final long PERIOD_SECONDS = 15;

    private final HubClient hub;
    private final String deviceId;
    private final String agent;
    private final Map<String, String> components = new LinkedHashMap<>();
    private final ScheduledExecutorService executor = Background.scheduler("health");
    private volatile HubReply lastReply;

    public HealthReporter(HubClient hub, String deviceId, String agent) {
        this.hub = hub;
        this.deviceId = deviceId;
        this.agent = agent;
    }

    public HealthReporter start() {
        executor.scheduleWithFixedDelay(this::send, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    /** Sets a component's state (e.g. "printer" -> "paper-out"); a change is reported at once. */
    public void set(String component, String state) {
        boolean changed;
        synchronized (components) {
            changed = !state.equals(components.put(component, state));
        }
        if (changed) {
            executor.execute(this::send);
        }
    }

    /** Sends the current states again now (e.g. when the hub link comes back). */
    public void resend() {
        executor.execute(this::send);
    }

    public Map<String, String> components() {
        synchronized (components) {
            return Map.copyOf(components);
        }
    }

    /** The hub's answer to the last beat it received, or null. */
    public HubReply lastReply() {
        return lastReply;
    }

    private void send() {
        try {
            HubReply r = hub.reportHealth(deviceId, components(), agent);
            lastReply = r;
            if (!r.ok() && r.status() != 404) {
                LOG.warning("health report refused: " + r);
            }
        } catch (HubUnreachable e) {
            LOG.fine(() -> "health not sent: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
