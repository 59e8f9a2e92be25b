package tw.queue.hub.city;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * {@code GET /api/public/city} on an office hub: 404 on a hub that is not part of a city; on one that is, the
 * city's open-data feed as JSON and CSV (by {@code format} or {@code Accept}), CORS open, 400 for another format.
 * The view is fed here with real summaries of two running hubs (Xitun, which serves it, and Beitun) without a
 * cluster; the cluster's part is in {@link ThreeOfficesAndTheCityAsProcessesTest}.
 */
class CityApiTest {
    @TempDir
    static Path data;
    static TestHub xitun;
    static TestHub beitun;
    static TestHub alone;
    static HubClient api;

    @BeforeAll
    static void twoOfficesOfTheCity() {
        xitun = TestHub.demo(data.resolve("xitun"));
        beitun = TestHub.demoOf(data.resolve("beitun"), CityOffices.demo("beitun", "北屯區", "Beitun"), "127.0.0.1",
                Clock.systemUTC());
        alone = TestHub.demo(data.resolve("alone"));
        api = xitun.client();
        xitun.client().issue("transcript");
        xitun.client().issue("transcript");
        beitun.client().issue("transcript");
        CityView view = new CityView(CityOffices.taichung(5701, 5701));
        long now = System.currentTimeMillis();
        for (TestHub hub : List.of(xitun, beitun)) {
            view.take(hub.verticle().publicSummary().await().put("publishedAt", now).put("member", "m"), now);
        }
        xitun.verticle().city(view);
    }

    @AfterAll
    static void close() {
        for (TestHub hub : List.of(xitun, beitun, alone)) {
            hub.close();
        }
    }

    private static HttpResponse<String> get(HubClient hub, String path, String accept) {
        HttpRequest.Builder r = hub.request(path, null).header("Origin", "https://data.taichung.gov.tw");
        if (accept != null) {
            r.setHeader("Accept", accept);
        }
        return hub.exchange(r.GET().build());
    }

    @Test
    void anAppReadsEveryOfficesWaitsFromAnyOfficeOfTheCity() {
        HttpResponse<String> r = get(api, "/api/public/city", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        JsonObject city = new JsonObject(r.body());
        assertThat(city.getJsonObject("city").getString("id")).isEqualTo("taichung-test");
        assertThat(city.getJsonArray("offices").stream().map(o -> ((JsonObject) o).getJsonObject("office").getString("id")))
                .containsExactly("beitun", "xitun");
        JsonObject beitunOffice = city.getJsonArray("offices").getJsonObject(0);
        assertThat(beitunOffice.getJsonObject("office").getJsonObject("name").getString("zh-TW")).isEqualTo("臺中市北屯區戶政事務所");
        assertThat(beitunOffice.getValue("staleSince")).isNull();
        JsonObject transcript = city.getJsonArray("offices").getJsonObject(1).getJsonArray("services").stream()
                .map(JsonObject.class::cast).filter(s -> s.getString("service").equals("transcript")).findFirst().orElseThrow();
        assertThat(transcript.getInteger("waiting")).isEqualTo(2);
        assertThat(transcript.getBoolean("crossDistrict")).isTrue();
        assertThat(r.body()).doesNotContain("\"turning\"").doesNotContain("\"member\"");
    }

    @Test
    void theSameAsCsvByFormatOrByAccept() throws Exception {
        for (HttpResponse<String> r : List.of(get(api, "/api/public/city?format=csv", null),
                get(api, "/api/public/city", "text/csv"))) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(r.body().lines().findFirst()).hasValue(String.join(",", CityView.CSV_COLUMNS));
            List<Map<String, String>> rows;
            try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(r.body())) {
                rows = it.readAll();
            }
            Map<String, String> xitunTranscripts = rows.stream()
                    .filter(row -> row.get("officeId").equals("xitun") && row.get("service").equals("transcript"))
                    .findFirst().orElseThrow();
            assertThat(xitunTranscripts.get("waiting")).isEqualTo("2");
            assertThat(xitunTranscripts.get("crossDistrict")).isEqualTo("true");
            assertThat(rows.stream().filter(row -> row.get("officeId").equals("beitun")).count())
                    .isEqualTo(new JsonObject(get(api, "/api/public/city", null).body()).getJsonArray("offices")
                            .getJsonObject(0).getJsonArray("services").size());
        }
        // format wins over Accept
        assertThat(get(api, "/api/public/city?format=json", "text/csv").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @Test
    void anotherFormatIsRefused() {
        HttpResponse<String> r = get(api, "/api/public/city?format=xml", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("invalid-request");
    }

    @Test
    void aHubThatIsNotPartOfACitySaysSo() {
        HttpResponse<String> r = get(alone.client(), "/api/public/city", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("no-city");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }
}
