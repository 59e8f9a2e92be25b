package tw.queue.hub.city;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tw.queue.config.CityConfig;
import tw.queue.hub.server.OpenDataCsv;

/**
 * What the city knows of its offices: each office's latest summary, when this member heard it, and whether the
 * cluster has dropped the member that sent it. An office not heard from for {@link #STALE}, or whose member the
 * cluster dropped, is stale: the view says since when ({@code staleSince}, the time of its last summary) and takes
 * it back with its next summary. Fed by {@link #follow} (the clustered event bus and map) and
 * {@link CityMember#onMemberLeft}; read by {@link CityApi} on any thread.
 */
public final class CityView {
    public static final Duration STALE = Duration.ofSeconds(10);
    /** The CSV's columns, in order: one row per office and service, the JSON's fields flattened. */
    static final List<String> CSV_COLUMNS = List.of("officeId", "officeNameZhTw", "officeNameEn", "staleSince",
            "officeOpen", "service", "serviceNameZhTw", "serviceNameEn", "crossDistrict", "nowServing", "waiting",
            "openCounters", "estimatedWaitSeconds", "asOf");

    /** How long one build of the answer serves every reader (with 370 offices a build took 115 ms on a loaded 2-core machine). */
    static final Duration REBUILD = Duration.ofMillis(250);

    private final CityConfig city;
    private final Map<String, Office> offices = new ConcurrentHashMap<>();
    private volatile Built builtJson;
    private volatile Built builtCsv;

    /** One build of the answer, and when. */
    private record Built(long at, String text) {
        boolean fresh(long now) {
            return now >= at && now - at < REBUILD.toMillis();
        }
    }

    /**
     * @param heardAt  when this member received it (its own clock: no skew between machines)
     * @param gone     the cluster dropped the member that published it
     */
    private record Office(JsonObject summary, long heardAt, boolean gone) {
        long publishedAt() {
            return summary.getLong("publishedAt", heardAt);
        }
    }

    public CityView(CityConfig city) {
        this.city = city;
    }

    public CityConfig city() {
        return city;
    }

    /**
     * Follows the offices' summaries on {@code bus}'s event bus and reads the map of the latest ones (those
     * published before this member joined); on a Vert.x that is not clustered, the same on its own bus and map.
     */
    public Future<Void> follow(Vertx bus) {
        bus.eventBus().<JsonObject>consumer(CityCluster.SUMMARY_ADDRESS, m -> take(m.body(), System.currentTimeMillis()));
        return bus.sharedData().<String, JsonObject>getAsyncMap(CityCluster.SUMMARY_MAP)
                .compose(map -> map.entries())
                // a summary from the map was heard when the office published it
                .onSuccess(all -> all.values().forEach(s -> take(s, s.getLong("publishedAt", 0L))))
                .<Void>mapEmpty()
                .recover(e -> Future.succeededFuture());
    }

    /** Takes an office's summary, unless a newer one of that office is already here. */
    public void take(JsonObject summary, long heardAt) {
        JsonObject office = summary.getJsonObject("office");
        if (office == null || office.getString("id") == null || !(summary.getValue("services") instanceof JsonArray)) {
            return;
        }
        Office next = new Office(summary, heardAt, false);
        offices.merge(office.getString("id"), next, (before, now) ->
                before.publishedAt() > now.publishedAt() ? before : now); // an older figure arriving late
    }

    /** The cluster dropped a member: the offices it published for are stale from now until they publish again. */
    public void memberLeft(String memberId) {
        offices.replaceAll((id, o) -> memberId.equals(o.summary().getString("member"))
                ? new Office(o.summary(), o.heardAt(), true) : o);
    }

    /** Since when an office has been stale (the time of its last summary), or null while it is fresh. */
    private static String staleSince(Office o, long now) {
        return o.gone() || now - o.heardAt() >= STALE.toMillis() ? Instant.ofEpochMilli(o.publishedAt()).toString() : null;
    }

    private List<Office> sorted() {
        List<Office> list = new ArrayList<>(offices.values());
        list.sort(Comparator.comparing(o -> o.summary().getJsonObject("office").getString("id")));
        return list;
    }

    /** {@link #json} as text, built at most once per {@link #REBUILD} whoever asks. */
    public String jsonText(long now) {
        Built b = builtJson;
        if (b == null || !b.fresh(now)) {
            b = new Built(now, json(now).encode());
            builtJson = b;
        }
        return b.text();
    }

    /** {@link #csv}, built at most once per {@link #REBUILD} whoever asks. */
    public String csvText(long now) {
        Built b = builtCsv;
        if (b == null || !b.fresh(now)) {
            b = new Built(now, csv(now));
            builtCsv = b;
        }
        return b.text();
    }

    /** The view as {@code GET /api/public/city} has it. */
    public JsonObject json(long now) {
        JsonArray list = new JsonArray();
        for (Office o : sorted()) {
            JsonObject s = o.summary();
            JsonArray services = new JsonArray();
            s.getJsonArray("services").forEach(v -> {
                JsonObject service = ((JsonObject) v).copy();
                service.put("crossDistrict", city.crossDistrictServices().contains(service.getString("service")));
                services.add(service);
            });
            list.add(new JsonObject()
                    .put("office", s.getJsonObject("office"))
                    .put("asOf", s.getString("asOf"))
                    .put("officeOpen", s.getBoolean("officeOpen"))
                    .put("staleSince", staleSince(o, now))
                    .put("services", services));
        }
        return new JsonObject()
                .put("city", new JsonObject().put("id", city.id()).put("name", new JsonObject(new HashMap<>(city.name())))
                        .put("hintAfterMinutes", city.hintAfterMinutes()))
                .put("crossDistrictServices", new JsonArray(city.crossDistrictServices()))
                .put("asOf", Instant.ofEpochMilli(now).toString())
                .put("offices", list);
    }

    /** The view as CSV: one row per office and service, with a header row ({@link #CSV_COLUMNS}). */
    public String csv(long now) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonObject o : json(now).getJsonArray("offices").stream().map(JsonObject.class::cast).toList()) {
            JsonObject office = o.getJsonObject("office");
            JsonObject names = office.getJsonObject("name", new JsonObject());
            for (Object v : o.getJsonArray("services")) {
                JsonObject s = (JsonObject) v;
                JsonObject serviceNames = s.getJsonObject("name", new JsonObject());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("officeId", office.getString("id"));
                row.put("officeNameZhTw", names.getString("zh-TW"));
                row.put("officeNameEn", names.getString("en"));
                row.put("staleSince", o.getString("staleSince"));
                row.put("officeOpen", o.getBoolean("officeOpen"));
                row.put("service", s.getString("service"));
                row.put("serviceNameZhTw", serviceNames.getString("zh-TW"));
                row.put("serviceNameEn", serviceNames.getString("en"));
                row.put("crossDistrict", s.getBoolean("crossDistrict"));
                row.put("nowServing", s.getValue("nowServing"));
                row.put("waiting", s.getValue("waiting"));
                row.put("openCounters", s.getValue("openCounters"));
                row.put("estimatedWaitSeconds", s.getValue("estimatedWaitSeconds"));
                row.put("asOf", s.getString("asOf"));
                rows.add(row);
            }
        }
        return OpenDataCsv.write(CSV_COLUMNS, rows);
    }
}
