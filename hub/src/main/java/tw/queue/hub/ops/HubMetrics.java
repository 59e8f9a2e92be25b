package tw.queue.hub.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import tw.queue.config.OfficeConfig;
import tw.queue.config.ServiceDef;
import tw.queue.domain.DeviceStatus;
import tw.queue.domain.Event;
import tw.queue.domain.OfficeState;
import tw.queue.domain.Ticket;
import tw.queue.hub.store.LoggedEvent;

/**
 * The hub's meters, in one Prometheus registry (which Vert.x's own HTTP and pool meters share when the hub
 * runs from {@code HubMain}). The queue's counters and the wait histogram are fed by one subscriber to the
 * committed event stream ({@link #onCommitted}), so they count exactly what the log holds; the gauges read the
 * committed state when scraped. Every meter name is here, once.
 */
public final class HubMetrics {
    /** Wait buckets (seconds) around the office's 15-minute target. */
    static final double[] WAIT_BUCKETS = {60, 180, 300, 480, 600, 720, 900, 1080, 1200, 1500, 1800, 2700, 3600};
    static final List<String> DEVICE_STATUSES =
            List.of(DeviceStatus.OK, DeviceStatus.WARNING, DeviceStatus.FAULT, DeviceStatus.OFFLINE);

    private final PrometheusMeterRegistry registry;
    private final Map<String, Counter> issued = new HashMap<>();
    private final Map<String, Counter> called = new HashMap<>();
    private final Map<String, Counter> finished = new HashMap<>();
    private final Map<String, DistributionSummary> waits = new HashMap<>();
    /** Tickets issued and not yet called: the first call's wait is what the histogram counts. */
    private final Map<String, Instant> notYetCalled = new HashMap<>();
    private final Counter loginFailures;
    private final Timer appendLatency;
    /** Held here: a gauge keeps only a weak reference to what it reads. */
    private Supplier<OfficeState> state;
    private IntSupplier followers;
    private IntSupplier queueDepth;

    public HubMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.loginFailures = Counter.builder("queue_login_failures").description("Staff sign-ins refused")
                .register(registry);
        this.appendLatency = Timer.builder("queue_event_log_append")
                .description("Time to append one batch of events to the log, durably")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    /** A registry of its own (a hub started without Vert.x metrics, as in the tests). */
    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Registers every per-service meter at zero (so a series exists before its first ticket) and the gauges.
     *
     * @param state the committed state, read at each scrape
     * @param followers live event-stream clients
     * @param queueDepth commands waiting for the writer
     */
    public void bind(OfficeConfig office, Supplier<OfficeState> state, IntSupplier followers, IntSupplier queueDepth) {
        this.state = state;
        this.followers = followers;
        this.queueDepth = queueDepth;
        for (ServiceDef s : office.services()) {
            String id = s.id();
            issued.put(id, Counter.builder("queue_tickets_issued").tag("service", id)
                    .description("Numbers given out").register(registry));
            called.put(id, Counter.builder("queue_tickets_called").tag("service", id)
                    .description("Calls to a counter (recalls not counted)").register(registry));
            finished.put(id, Counter.builder("queue_tickets_finished").tag("service", id)
                    .description("Visits finished at a counter").register(registry));
            waits.put(id, DistributionSummary.builder("queue_wait_seconds").tag("service", id).baseUnit("seconds")
                    .description("Wait from the number to its first call").serviceLevelObjectives(WAIT_BUCKETS)
                    .register(registry));
            Gauge.builder("queue_waiting", state, st -> st.get().waiting().stream()
                            .filter(t -> t.service().equals(id)).count())
                    .tag("service", id).description("Numbers waiting now").register(registry);
        }
        for (String status : DEVICE_STATUSES) {
            Gauge.builder("queue_devices", state, st -> st.get().devices().stream()
                            .filter(d -> status.equals(d.status())).count())
                    .tag("status", status).description("Devices by health status").register(registry);
        }
        Gauge.builder("queue_event_stream_followers", followers, IntSupplier::getAsInt)
                .description("Live event-stream clients").register(registry);
        Gauge.builder("queue_writer_queue_depth", queueDepth, IntSupplier::getAsInt)
                .description("Commands waiting for the one writer").register(registry);
        for (Ticket t : state.get().waiting()) {
            if (t.calledAt() == null) {
                notYetCalled.put(t.id(), t.issuedAt());
            }
        }
    }

    /** The committed-event subscriber: called with each batch the log has taken, in order. */
    public void onCommitted(List<LoggedEvent> batch) {
        for (LoggedEvent le : batch) {
            Event e = le.event();
            if (e instanceof Event.TicketIssued t) {
                count(issued, t.service());
                notYetCalled.put(t.ticketId(), t.at());
            } else if (e instanceof Event.TicketCalled t) {
                count(called, t.service());
                Instant since = notYetCalled.remove(t.ticketId());
                DistributionSummary wait = waits.get(t.service());
                if (since != null && wait != null) {
                    wait.record(Math.max(0, Duration.between(since, t.at()).toMillis()) / 1000.0);
                }
            } else if (e instanceof Event.TicketFinished t) {
                count(finished, t.service());
            } else if (e instanceof Event.TicketCancelled t) {
                notYetCalled.remove(t.ticketId());
            } else if (e instanceof Event.DayClosed) {
                notYetCalled.clear();
            }
        }
    }

    private static void count(Map<String, Counter> counters, String service) {
        Counter c = counters.get(service);
        if (c != null) {
            c.increment();
        }
    }

    public void loginFailed() {
        loginFailures.increment();
    }

    /** One append's duration, from the writer's thread. */
    public void appended(long nanos) {
        appendLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus text exposition format (version 0.0.4), which every Prometheus and promtool reads. */
    public String scrape() {
        return registry.scrape();
    }
}
