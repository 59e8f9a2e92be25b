package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.config.ServiceDef;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;
import tw.queue.hub.testing.TestHub;

/**
 * Open data: the city's platform and a third-party app read the office's live status over real HTTP, without a
 * token, from another origin, on a clock the test moves (Tuesday 09:00 in Taipei).
 */
class OpenDataTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final HubClient hub = demo.client();
    private JsonObject called;
    private List<JsonObject> issued;

    @BeforeEach
    void aMorningAtTheOffice() {
        String clerk = hub.openCounter(3);
        issued = new ArrayList<>(List.of(hub.issue("transcript"), hub.issue("transcript"), hub.issue("transcript"),
                hub.issue("passport"), hub.issue("turning")));
        called = hub.callNext(3, clerk);
        demo.clock().advance(Duration.ofSeconds(20));
    }

    private HttpResponse<String> get(String path) {
        return hub.exchange(hub.request(path, null).header("Origin", "https://data.taichung.gov.tw").GET().build());
    }

    private static JsonObject service(JsonArray services, String id) {
        return services.stream().map(o -> (JsonObject) o).filter(s -> s.getString("service").equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no " + id));
    }

    @Test
    void anAppReadsEachServicesNumberQueueAndTheBoardsEstimateWithoutAToken() {
        HttpResponse<String> r = get("/api/public/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonObject status = new JsonObject(r.body());
        assertThat(status.getJsonObject("office").getString("id")).isEqualTo("xitun");
        assertThat(status.getJsonObject("office").getJsonObject("name").getString("zh-TW")).isEqualTo("臺中市西屯區戶政事務所");
        assertThat(status.getJsonObject("office").getJsonObject("name").getString("en")).startsWith("Xitun District");
        assertThat(status.getString("asOf")).isEqualTo(demo.clock().instant().toString());
        assertThat(status.getBoolean("officeOpen")).isTrue();

        JsonArray services = status.getJsonArray("services");
        assertThat(services.stream().map(o -> ((JsonObject) o).getString("service")).toList())
                .as("every service but the private Turning Point, in the office's order")
                .containsExactlyElementsOf(TestHub.DEMO.services().stream().filter(s -> !s.privateService())
                        .map(ServiceDef::id).toList());
        JsonObject transcript = service(services, "transcript");
        assertThat(transcript.getInteger("nowServing")).isEqualTo(called.getInteger("number"));
        assertThat(transcript.getInteger("waiting")).isEqualTo(2);
        assertThat(transcript.getJsonObject("name").getString("en")).isNotBlank();
        assertThat(transcript.getString("asOf")).isEqualTo(status.getString("asOf"));
        JsonObject passport = service(services, "passport");
        assertThat(passport.getValue("nowServing")).isNull();
        assertThat(passport.getInteger("waiting")).isEqualTo(1);

        // the same estimate and open counters the boards show, from the same moment
        JsonArray queue = hub.queue().getJsonArray("services");
        for (Object o : queue) {
            JsonObject q = (JsonObject) o;
            if (q.getString("id").equals("turning")) {
                continue;
            }
            JsonObject s = service(services, q.getString("id"));
            assertThat(s.getValue("estimatedWaitSeconds")).as(q.getString("id")).isEqualTo(q.getValue("estimatedWaitSeconds"));
            assertThat(s.getInteger("openCounters")).as(q.getString("id")).isEqualTo(q.getInteger("openCounters"));
            assertThat(s.getInteger("waiting")).as(q.getString("id")).isEqualTo(q.getInteger("waiting"));
        }
        assertThat(transcript.getValue("estimatedWaitSeconds")).as("two wait before a new number").isNotNull();

        for (JsonObject t : issued) {
            assertThat(r.body()).as("no ticket ids").doesNotContain(t.getString("id"));
        }
        assertThat(r.body()).as("no staff").doesNotContain("clerk");
    }

    @Test
    void theCsvReadsBackAsTheSameFigures() throws Exception {
        JsonObject json = new JsonObject(get("/api/public/status").body());
        HttpResponse<String> r = get("/api/public/status?format=csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<Map<String, String>> rows = new ArrayList<>();
        CsvSchema header = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class).with(header).readValues(r.body())) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows.get(0).keySet()).containsExactly("officeId", "officeNameZhTw", "officeNameEn", "service",
                "serviceNameZhTw", "serviceNameEn", "nowServing", "waiting", "openCounters", "estimatedWaitSeconds", "asOf");
        JsonArray services = json.getJsonArray("services");
        assertThat(rows).hasSize(services.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            JsonObject s = services.getJsonObject(i);
            assertThat(row.get("officeId")).isEqualTo("xitun");
            assertThat(row.get("officeNameZhTw")).isEqualTo("臺中市西屯區戶政事務所");
            assertThat(row.get("service")).isEqualTo(s.getString("service"));
            assertThat(row.get("serviceNameZhTw")).isEqualTo(s.getJsonObject("name").getString("zh-TW"));
            assertThat(row.get("serviceNameEn")).isEqualTo(s.getJsonObject("name").getString("en"));
            assertThat(row.get("nowServing")).isEqualTo(s.getValue("nowServing") == null ? "" : s.getValue("nowServing").toString());
            assertThat(Integer.parseInt(row.get("waiting"))).isEqualTo(s.getInteger("waiting"));
            assertThat(Integer.parseInt(row.get("openCounters"))).isEqualTo(s.getInteger("openCounters"));
            assertThat(row.get("estimatedWaitSeconds")).isEqualTo(s.getValue("estimatedWaitSeconds") == null ? ""
                    : s.getValue("estimatedWaitSeconds").toString());
            assertThat(row.get("asOf")).isEqualTo(json.getString("asOf"));
        }
        assertThat(rows.stream().filter(row -> row.get("service").equals("transcript")).findFirst().orElseThrow()
                .get("nowServing")).isEqualTo(called.getInteger("number").toString());
    }

    @Test
    void aWebPageOnAnotherSiteMayReadItAndCachesKeepItFiveSeconds() {
        HttpResponse<String> r = get("/api/public/status");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=5");

        HttpResponse<String> head = hub.exchange(hub.request("/api/public/status?format=csv", null)
                .header("Origin", "https://app.example").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("public, max-age=5");
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));

        HttpResponse<String> preflight = hub.exchange(hub.request("/api/public/status", null)
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m ->
                assertThat(m.split("\\s*,\\s*")).containsExactlyInAnyOrder("GET", "HEAD"));

        HttpResponse<String> post = hub.exchange(hub.request("/api/public/status", null)
                .header("Origin", "https://app.example").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(post.statusCode()).as("no write without a token").isEqualTo(401);
        HttpResponse<String> staffPost = hub.exchange(hub.request("/api/public/status", hub.login("manager"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(staffPost.statusCode()).as("read only, even for staff").isEqualTo(405);
        assertThat(new JsonObject(staffPost.body()).getString("error")).isEqualTo("method-not-allowed");
    }

    @Test
    void anUnknownFormatIsRefusedWithAJsonErrorTheAppCanRead() {
        HttpResponse<String> r = get("/api/public/status?format=xml");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(r.body());
        assertThat(error.getString("error")).isEqualTo("invalid-request");
        assertThat(error.getString("message")).isNotBlank();
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void aCrowdOfAppsReadsOneSnapshotForFiveSecondsThenTheNextOne() {
        JsonObject first = new JsonObject(get("/api/public/status").body());
        hub.issue("passport");
        demo.clock().advance(Duration.ofSeconds(4));
        for (int i = 0; i < 20; i++) {
            JsonObject again = new JsonObject(get("/api/public/status").body());
            assertThat(again.getString("asOf")).isEqualTo(first.getString("asOf"));
            assertThat(service(again.getJsonArray("services"), "passport").getInteger("waiting")).isEqualTo(1);
        }
        assertThat(hub.queue().getJsonArray("services").stream().map(o -> (JsonObject) o)
                .filter(s -> s.getString("id").equals("passport")).findFirst().orElseThrow().getInteger("waiting"))
                .as("the live queue has the new number already").isEqualTo(2);
        demo.clock().advance(Duration.ofSeconds(1));
        JsonObject next = new JsonObject(get("/api/public/status").body());
        assertThat(next.getString("asOf")).isEqualTo(demo.clock().instant().toString());
        assertThat(service(next.getJsonArray("services"), "passport").getInteger("waiting")).isEqualTo(2);
    }
}
