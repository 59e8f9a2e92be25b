package tw.queue.hub.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the city view makes of the summaries it hears and of members the cluster drops, on a clock of the test's. */
class CityViewTest {
    private static final long NINE = Instant.parse("2026-12-02T01:00:00Z").toEpochMilli();
    private final CityView view = new CityView(CityOffices.taichung(5701, 5701));

    private static JsonObject summary(String id, long publishedAt, String member, int transcriptsWaiting) {
        return new JsonObject()
                .put("office", new JsonObject().put("id", id).put("name", new JsonObject()
                        .put("zh-TW", id + "區戶政事務所").put("en", id + " office")))
                .put("asOf", Instant.ofEpochMilli(publishedAt).toString())
                .put("officeOpen", true)
                .put("publishedAt", publishedAt)
                .put("member", member)
                .put("services", new JsonArray()
                        .add(new JsonObject().put("service", "transcript")
                                .put("name", new JsonObject().put("zh-TW", "戶籍謄本").put("en", "Transcripts"))
                                .put("nowServing", 2001).put("waiting", transcriptsWaiting).put("openCounters", 2)
                                .put("estimatedWaitSeconds", 300))
                        .add(new JsonObject().put("service", "passport")
                                .put("name", new JsonObject().put("zh-TW", "護照").put("en", "Passports"))
                                .putNull("nowServing").put("waiting", 0).put("openCounters", 1)
                                .putNull("estimatedWaitSeconds")));
    }

    private JsonObject office(long now, String id) {
        return view.json(now).getJsonArray("offices").stream().map(JsonObject.class::cast)
                .filter(o -> o.getJsonObject("office").getString("id").equals(id)).findFirst().orElseThrow();
    }

    @Test
    void anOfficeSilentForTenSecondsIsMarkedSinceItsLastFigureAndTakenBackWhenItPublishes() {
        view.take(summary("xitun", NINE, "m1", 4), NINE);
        assertThat(office(NINE + 9_999, "xitun").getValue("staleSince")).isNull();
        assertThat(office(NINE + 10_000, "xitun").getString("staleSince")).isEqualTo("2026-12-02T01:00:00Z");
        view.take(summary("xitun", NINE + 12_000, "m1", 5), NINE + 12_000);
        JsonObject back = office(NINE + 12_000, "xitun");
        assertThat(back.getValue("staleSince")).isNull();
        assertThat(back.getJsonArray("services").getJsonObject(0).getInteger("waiting")).isEqualTo(5);
    }

    @Test
    void anOfficeWhoseMemberTheClusterDroppedIsStaleAtOnceAndTheOthersAreNot() {
        view.take(summary("xitun", NINE, "m1", 4), NINE);
        view.take(summary("beitun", NINE, "m2", 1), NINE);
        view.memberLeft("m2");
        assertThat(office(NINE + 1, "beitun").getString("staleSince")).isEqualTo("2026-12-02T01:00:00Z");
        assertThat(office(NINE + 1, "xitun").getValue("staleSince")).isNull();
        // restarted: a new member, a new summary
        view.take(summary("beitun", NINE + 8_000, "m3", 0), NINE + 8_000);
        assertThat(office(NINE + 8_001, "beitun").getValue("staleSince")).isNull();
    }

    @Test
    void anOlderFigureArrivingLateDoesNotReplaceANewerOne() {
        view.take(summary("xitun", NINE + 2_000, "m1", 7), NINE + 2_000);
        view.take(summary("xitun", NINE, "m1", 4), NINE + 2_100);
        assertThat(office(NINE + 2_200, "xitun").getJsonArray("services").getJsonObject(0).getInteger("waiting"))
                .isEqualTo(7);
    }

    @Test
    void theViewNamesTheCityAndMarksTheErrandsAnyOfficeAcceptsButNotTheMemberIds() {
        view.take(summary("xitun", NINE, "m1", 4), NINE);
        JsonObject city = view.json(NINE);
        assertThat(city.getJsonObject("city").getJsonObject("name").getString("zh-TW")).isEqualTo("臺中市");
        assertThat(city.getJsonArray("crossDistrictServices").getList()).containsExactly("transcript", "registration");
        JsonArray services = office(NINE, "xitun").getJsonArray("services");
        assertThat(services.getJsonObject(0).getBoolean("crossDistrict")).isTrue();
        assertThat(services.getJsonObject(1).getBoolean("crossDistrict")).isFalse();
        assertThat(city.encode()).doesNotContain("m1").doesNotContain("publishedAt");
    }

    @Test
    void theCsvHasOneRowPerOfficeAndServiceWithTheHeaderFirst() {
        view.take(summary("xitun", NINE, "m1", 4), NINE);
        view.take(summary("beitun", NINE, "m2", 1), NINE);
        view.memberLeft("m2");
        List<String> lines = view.csv(NINE).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo(String.join(",", CityView.CSV_COLUMNS));
        assertThat(lines.get(1)).startsWith("beitun,beitun區戶政事務所,\"beitun office\",2026-12-02T01:00:00Z,true,transcript,")
                .contains(",true,2001,1,2,300,");
        assertThat(lines.get(3)).startsWith("xitun,").contains(",,true,transcript,");
        assertThat(lines.get(4)).contains(",passport,").contains(",false,,0,1,,");
    }

    @Test
    void aSummaryWithoutAnOfficeOrServicesIsLeftOut() {
        view.take(new JsonObject().put("office", new JsonObject()), NINE);
        view.take(new JsonObject().put("office", new JsonObject().put("id", "x")), NINE);
        assertThat(view.json(NINE).getJsonArray("offices")).isEmpty();
    }

    @Test
    void oneBuildOfTheAnswerServesEveryReaderForAQuarterOfASecond() {
        view.take(summary("xitun", NINE, "m1", 4), NINE);
        String first = view.jsonText(NINE);
        view.take(summary("xitun", NINE + 100, "m1", 9), NINE + 100);
        assertThat(view.jsonText(NINE + 249)).isSameAs(first);
        assertThat(view.jsonText(NINE + 250)).isNotEqualTo(first).contains("\"waiting\":9");
        assertThat(view.csvText(NINE + 250)).contains(",9,");
    }
}
