package tw.queue.hub.city;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.queue.config.CityConfig;

/**
 * Publishes an office's live summary to the city: once a second it takes the office's public status and, when it
 * changed (or every {@link #HEARTBEAT} anyway, so the city knows the office is there), publishes it on the
 * clustered event bus and puts it in the cluster-wide map. Fire and forget: the office's writer and HTTP never
 * wait on it, the cluster is joined with a Vert.x instance of its own in the background (again every
 * {@link #RETRY} while it fails), and each kind of failure is logged once until it clears.
 */
public final class OfficeSummaryPublisher {
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration HEARTBEAT = Duration.ofSeconds(3);
    static final Duration RETRY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(OfficeSummaryPublisher.class);

    private final Vertx hubVertx;
    private final CityConfig city;
    private final Supplier<Future<JsonObject>> summaries;
    private final Supplier<Future<CityMember>> joining;
    private volatile CityMember cluster;
    private final List<Consumer<CityMember>> onJoined = new CopyOnWriteArrayList<>();
    private long timer = -1;
    private JsonObject lastPublished;
    private long lastPublishedAt;
    private boolean failureLogged;
    private volatile boolean closed;

    /**
     * @param hubVertx  the office's own Vert.x, whose timer drives the publisher (the summary is built on the hub's
     *                  event loop, a few microseconds a second)
     * @param summaries the office's public status, as {@code HubVerticle.publicSummary()}
     */
    public OfficeSummaryPublisher(Vertx hubVertx, CityConfig city, Supplier<Future<JsonObject>> summaries) {
        this(hubVertx, city, () -> CityCluster.join(city), summaries);
    }

    /**
     * The same with another way into the cluster: the city benchmark's many offices publishing through one member
     * ({@code joining} then gives that member; {@link #close} leaves it).
     */
    public OfficeSummaryPublisher(Vertx hubVertx, CityConfig city, Supplier<Future<CityMember>> joining,
                                  Supplier<Future<JsonObject>> summaries) {
        this.hubVertx = hubVertx;
        this.city = city;
        this.joining = joining;
        this.summaries = summaries;
    }

    /** Starts at once and returns: the cluster is joined in the background. */
    public void start() {
        join();
        timer = hubVertx.setPeriodic(TICK.toMillis(), id -> tick());
    }

    /** This office's membership of the city's cluster once joined, else null. */
    public CityMember cluster() {
        return cluster;
    }

    /** Runs {@code action} with the membership each time the cluster is joined (an office hub's own city view). */
    public void onJoined(Consumer<CityMember> action) {
        onJoined.add(action);
    }

    private void join() {
        if (closed) {
            return;
        }
        joining.get().onSuccess(member -> {
            if (closed) {
                member.close();
                return;
            }
            cluster = member;
            onJoined.forEach(action -> action.accept(member));
            LOG.info("Joined the city cluster {} at {}:{}", city.id(), city.host(), city.port());
        }).onFailure(e -> {
            logOnce("could not join the city cluster (retrying every " + RETRY.toSeconds() + " s)", e);
            hubVertx.setTimer(RETRY.toMillis(), id -> join());
        });
    }

    private void tick() {
        CityMember bus = cluster;
        if (bus == null || closed) {
            return;
        }
        summaries.get().onSuccess(summary -> publish(bus, summary)).onFailure(e -> logOnce("no office summary", e));
    }

    private void publish(CityMember member, JsonObject summary) {
        long now = System.currentTimeMillis();
        JsonObject figures = summary.copy();
        figures.remove("asOf");
        figures.getJsonArray("services").forEach(s -> ((JsonObject) s).remove("asOf"));
        if (figures.equals(lastPublished) && now - lastPublishedAt < HEARTBEAT.toMillis()) {
            return;
        }
        lastPublished = figures;
        lastPublishedAt = now;
        summary.put("publishedAt", now).put("member", member.id());
        Vertx bus = member.vertx();
        try {
            bus.eventBus().publish(CityCluster.SUMMARY_ADDRESS, summary);
            bus.sharedData().<String, JsonObject>getAsyncMap(CityCluster.SUMMARY_MAP)
                    .compose(map -> map.put(summary.getJsonObject("office").getString("id"), summary))
                    .onSuccess(v -> failureLogged = false)
                    .onFailure(e -> logOnce("could not store the summary in the city map", e));
        } catch (RuntimeException e) {
            logOnce("could not publish the summary", e);
        }
    }

    private void logOnce(String what, Throwable e) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("City: {}: {}", what, e.toString());
        }
    }

    /** Stops publishing and leaves the cluster. */
    public Future<Void> close() {
        closed = true;
        if (timer >= 0) {
            hubVertx.cancelTimer(timer);
        }
        CityMember member = cluster;
        cluster = null;
        return member == null ? Future.succeededFuture() : member.close();
    }
}
