package tw.queue.hub.server;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tw.queue.config.OfficeConfig;
import tw.queue.config.ServiceDef;
import tw.queue.domain.OfficeState;
import tw.queue.domain.Ticket;
import tw.queue.domain.TicketStatus;

/**
 * Open data (資料開放): {@code GET /api/public/status}, the office's live status for the city's open-data
 * platform and third-party apps, without a token. Per service: the number called last, how many wait, the open
 * counters and the estimated wait of a number taken now (the estimate every screen shows), with the time of
 * the figure. No ticket ids, no staff, nothing about a person; private services (Turning Point) are left out,
 * as the boards show no name for them. Made at most once per {@link #REFRESH} from the committed state and
 * served from that snapshot (a crowd of apps costs the hub one build per period); cacheable for as long, CORS
 * open for GET and HEAD.
 */
final class PublicStatusRoutes {
    static final Duration REFRESH = Duration.ofSeconds(5);
    static final String CACHE_CONTROL = "public, max-age=" + REFRESH.toSeconds();
    /** The CSV's columns, in order: the JSON's fields, flattened. */
    static final List<String> CSV_COLUMNS = List.of("officeId", "officeNameZhTw", "officeNameEn", "service",
            "serviceNameZhTw", "serviceNameEn", "nowServing", "waiting", "openCounters", "estimatedWaitSeconds",
            "asOf");

    private final HubContext hub;
    private Snapshot snapshot;

    /** One build of the status, in both formats. */
    private record Snapshot(Instant at, Buffer json, Buffer csv) {
    }

    PublicStatusRoutes(HubContext hub) {
        this.hub = hub;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("publicStatus", this::status);
        handlers.put("publicStatusHead", this::status);
    }

    /** Before the API's own routes: CORS for anyone, GET and HEAD only, preflights answered here. */
    static void mountCors(Router router) {
        router.route("/api/public/*").order(-2).handler(CorsHandler.create().addOrigin("*")
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.HEAD)).maxAgeSeconds((int) Duration.ofDays(1).toSeconds()));
    }

    private void status(RoutingContext rc) {
        String format = rc.queryParams().contains("format") ? rc.queryParams().get("format") : "json";
        Instant now = hub.now();
        if (snapshot == null || !now.isBefore(snapshot.at().plus(REFRESH)) || now.isBefore(snapshot.at())) {
            snapshot = build(now);
        }
        boolean csv = format.equals("csv");
        rc.response().putHeader("Cache-Control", CACHE_CONTROL)
                .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
                .end(csv ? snapshot.csv() : snapshot.json());
    }

    /** The JSON status made now (not the cached snapshot): the office's summary for the city. */
    JsonObject summary() {
        return new JsonObject(build(hub.now()).json());
    }

    private Snapshot build(Instant now) {
        OfficeState state = hub.writer().state();
        OfficeConfig office = state.office();
        ZonedDateTime local = now.atZone(office.timezone());
        String asOf = now.toString();
        JsonArray services = new JsonArray();
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Integer> lastCalled = lastCalledNumbers(state);
        for (ServiceDef s : office.services()) {
            if (s.privateService()) {
                continue;
            }
            JsonObject load = ApiShapes.serviceLoad(state, hub.estimator(), s, now);
            Integer nowServing = lastCalled.get(s.id());
            services.add(new JsonObject().put("service", s.id())
                    .put("name", new JsonObject(new HashMap<>(s.names().texts())))
                    .put("nowServing", nowServing)
                    .put("waiting", load.getLong("waiting"))
                    .put("openCounters", load.getLong("openCounters"))
                    .put("estimatedWaitSeconds", load.getValue("estimatedWaitSeconds"))
                    .put("asOf", asOf));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("officeId", office.id());
            row.put("officeNameZhTw", office.name().in("zh-TW"));
            row.put("officeNameEn", office.name().in("en"));
            row.put("service", s.id());
            row.put("serviceNameZhTw", s.names().in("zh-TW"));
            row.put("serviceNameEn", s.names().in("en"));
            row.put("nowServing", nowServing);
            row.put("waiting", load.getLong("waiting"));
            row.put("openCounters", load.getLong("openCounters"));
            row.put("estimatedWaitSeconds", load.getValue("estimatedWaitSeconds"));
            row.put("asOf", asOf);
            rows.add(row);
        }
        JsonObject json = new JsonObject()
                .put("office", new JsonObject().put("id", office.id())
                        .put("name", new JsonObject(new HashMap<>(office.name().texts()))))
                .put("asOf", asOf)
                .put("officeOpen", office.hours().isOpen(local.getDayOfWeek(), local.toLocalTime()))
                .put("services", services);
        return new Snapshot(now, json.toBuffer(), Buffer.buffer(csv(rows), StandardCharsets.UTF_8.name()));
    }

    /** Per service, the number called last today (what the boards showed last), of the tickets called in it. */
    private static Map<String, Integer> lastCalledNumbers(OfficeState state) {
        Map<String, Ticket> last = new HashMap<>();
        for (Ticket t : state.tickets()) {
            // a ticket transferred in and not yet called there still carries its old call
            if (t.calledAt() == null || t.status() == TicketStatus.WAITING) {
                continue;
            }
            last.merge(t.service(), t, (a, b) -> Comparator.comparing(Ticket::calledAt).compare(a, b) >= 0 ? a : b);
        }
        Map<String, Integer> out = new HashMap<>();
        last.forEach((service, t) -> out.put(service, t.number()));
        return out;
    }

    private static String csv(List<Map<String, Object>> rows) {
        return OpenDataCsv.write(CSV_COLUMNS, rows);
    }
}
