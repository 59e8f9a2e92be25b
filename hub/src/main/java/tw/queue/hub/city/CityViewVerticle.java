package tw.queue.hub.city;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tw.queue.config.CityConfig;

/**
 * A city member with no office: follows every office's summary on the clustered event bus (and reads the
 * cluster-wide map at start, for the offices that published before it joined) and serves
 * {@code GET /api/public/city}, CORS open. An office not heard from for {@link #STALE} is marked with
 * {@code staleSince}, the time of its last summary, and taken back when it publishes again.
 * Deployed on a clustered Vert.x ({@link CityCluster#join}).
 */
public final class CityViewVerticle extends VerticleBase {
    public static final Duration STALE = Duration.ofSeconds(10);

    private final CityConfig city;
    private final String host;
    private final int port;
    /** Office id to its latest summary, with {@code publishedAt} as the office sent it. */
    private final Map<String, JsonObject> offices = new ConcurrentHashMap<>();
    /** Office id to when this member last received its summary (this member's clock: no skew between machines). */
    private final Map<String, Long> heard = new ConcurrentHashMap<>();
    private HttpServer server;

    public CityViewVerticle(CityConfig city, String host, int port) {
        this.city = city;
        this.host = host;
        this.port = port;
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        vertx.eventBus().<JsonObject>consumer(CityCluster.SUMMARY_ADDRESS, m -> take(m.body(), System.currentTimeMillis()));
        Router router = Router.router(vertx);
        router.route("/api/public/*").handler(CorsHandler.create().addOrigin("*")
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.HEAD)));
        router.get("/api/public/city").handler(this::view);
        router.get("/health").handler(rc -> rc.json(new JsonObject().put("status", "ok")));
        return vertx.sharedData().<String, JsonObject>getClusterWideMap(CityCluster.SUMMARY_MAP)
                .compose(map -> map.entries())
                // a summary from the map was heard when the office published it
                .onSuccess(all -> all.forEach((id, s) -> take(s, s.getLong("publishedAt", 0L))))
                .recover(e -> Future.succeededFuture())
                .compose(v -> vertx.createHttpServer().requestHandler(router).listen(port, host))
                .onSuccess(s -> server = s);
    }

    private void take(JsonObject summary, long heardAt) {
        JsonObject office = summary.getJsonObject("office");
        if (office == null || office.getString("id") == null) {
            return;
        }
        String id = office.getString("id");
        JsonObject before = offices.get(id);
        if (before != null && before.getLong("publishedAt", 0L) > summary.getLong("publishedAt", 0L)) {
            return; // an older figure arriving late
        }
        offices.put(id, summary);
        heard.merge(id, heardAt, Math::max);
    }

    private void view(RoutingContext rc) {
        long now = System.currentTimeMillis();
        JsonArray list = new JsonArray();
        offices.values().stream()
                .sorted(Comparator.comparing(s -> s.getJsonObject("office").getString("id")))
                .forEach(s -> {
                    String id = s.getJsonObject("office").getString("id");
                    long last = heard.getOrDefault(id, 0L);
                    JsonObject o = new JsonObject()
                            .put("office", s.getJsonObject("office"))
                            .put("asOf", s.getString("asOf"))
                            .put("officeOpen", s.getBoolean("officeOpen"))
                            .put("services", s.getJsonArray("services"))
                            .put("staleSince", now - last >= STALE.toMillis()
                                    ? Instant.ofEpochMilli(s.getLong("publishedAt", last)).toString() : null);
                    list.add(o);
                });
        rc.response().putHeader("Cache-Control", "no-cache");
        rc.json(new JsonObject()
                .put("city", new JsonObject().put("id", city.id()).put("name", new JsonObject(new java.util.HashMap<String, Object>(city.name()))))
                .put("crossDistrictServices", new JsonArray(city.crossDistrictServices()))
                .put("asOf", Instant.ofEpochMilli(now).toString())
                .put("offices", list));
    }
}
