package tw.queue.hub.city;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.config.CityConfig;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.hub.DemoOffice;
import tw.queue.hub.server.HubSettings;
import tw.queue.hub.server.HubVerticle;
import tw.queue.hub.testing.HubClient;

/**
 * Two district offices (Xitun and Beitun) and the city's view, each a clustered member of its own in this JVM
 * (separate Vert.x and Hazelcast instances on loopback ports; separate processes are the next step). One cluster
 * for the class: Hazelcast takes seconds to start. On demand:
 * {@code mvn -B -ntp -pl hub -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=TwoOfficesOnTheCityViewTest -Dcity=true test}.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "city", matches = "true",
        disabledReason = "on demand (-Dcity=true): three Hazelcast members take 10-45 s to form on a loaded machine,"
                + " past the CI budget")
class TwoOfficesOnTheCityViewTest {
    @TempDir
    static Path data;

    static final List<AutoCloseable> closing = new ArrayList<>();
    static HubClient xitun;
    static HubClient beitun;
    static HubClient city;

    /** One office hub, as {@code hub.jar --demo --cluster FILE} starts it. */
    record Office(Vertx vertx, HubVerticle hub, OfficeSummaryPublisher publisher) implements AutoCloseable {
        static Office start(OfficeConfig config, Path dir, CityConfig member) {
            Vertx vertx = Vertx.vertx();
            HubVerticle hub = new HubVerticle(HubSettings.of(config, dir, "127.0.0.1", 0, true));
            vertx.deployVerticle(hub).await();
            OfficeSummaryPublisher publisher = new OfficeSummaryPublisher(vertx, member, hub::publicSummary);
            publisher.start();
            return new Office(vertx, hub, publisher);
        }

        HubClient client() {
            return new HubClient("http://127.0.0.1:" + hub.port());
        }

        @Override
        public void close() {
            publisher.close().await();
            vertx.close().await();
        }
    }

    @BeforeAll
    static void startTheCity() throws Exception {
        long t0 = System.nanoTime();
        int[] ports = {freePort(), freePort(), freePort()};
        CityConfig taichung = new CityConfig("taichung-test", Map.of("zh-TW", "臺中市", "en", "Taichung City"),
                "127.0.0.1", ports[0],
                List.of(new CityConfig.Member("127.0.0.1", ports[0]), new CityConfig.Member("127.0.0.1", ports[1]),
                        new CityConfig.Member("127.0.0.1", ports[2])),
                List.of("transcript", "registration"));
        // the three members start together, as a city's machines do in the morning: each finds the others at once
        // (a member started alone first spends seconds on addresses that do not answer yet)
        var joining = CityCluster.join(taichung);
        Office x = Office.start(office("xitun", "xitun"), data.resolve("xitun"), taichung.withPort(ports[1]));
        closing.add(x);
        xitun = x.client();
        Office b = Office.start(office("beitun", "Beitun"), data.resolve("beitun"), taichung.withPort(ports[2]));
        closing.add(b);
        beitun = b.client();
        CityMember cityMember = joining.await();
        Vertx cityVertx = cityMember.vertx();
        closing.add(0, () -> cityVertx.close().await());
        System.out.printf("City: the city member joined after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        CityViewVerticle view = new CityViewVerticle(new CityView(taichung), "127.0.0.1", 0);
        cityVertx.deployVerticle(view).await();
        city = new HubClient("http://127.0.0.1:" + view.port());
        waitFor(Duration.ofSeconds(30), () -> cityOffice("xitun") != null && cityOffice("beitun") != null);
        System.out.printf("City: three members up and both offices in the view after %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stopTheCity() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void aNumberTakenAtXitunShowsOnTheCityViewWithinTwoSeconds() {
        int before = waiting(cityOffice("xitun"), "transcript");
        int beitunBefore = waiting(cityOffice("beitun"), "transcript");
        long t0 = System.nanoTime();
        xitun.issue("transcript");
        waitFor(Duration.ofSeconds(2), () -> waiting(cityOffice("xitun"), "transcript") == before + 1);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("City: a number taken at Xitun on the city view after %d ms%n", ms);
        assertEquals(beitunBefore, waiting(cityOffice("beitun"), "transcript"), "Beitun's queue is its own");
        assertEquals(before + 1, xitun.queue().getJsonArray("services").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("id").equals("transcript")).findFirst()
                .map(s -> s.getInteger("waiting")).orElse(-1), "the office's own queue agrees with the city view");
    }

    @Test
    void theCityViewNamesTheCityItsCrossDistrictErrandsAndFreshOffices() {
        HubClient.Response r = city.get("/api/public/city");
        assertEquals(200, r.status());
        JsonObject view = r.json();
        assertEquals("臺中市", view.getJsonObject("city").getJsonObject("name").getString("zh-TW"));
        assertEquals(new JsonArray(List.of("transcript", "registration")), view.getJsonArray("crossDistrictServices"));
        JsonObject x = cityOffice("xitun");
        assertNull(x.getValue("staleSince"), "Xitun publishes: not stale");
        assertNotNull(x.getString("asOf"));
        assertTrue(x.getJsonArray("services").stream().map(JsonObject.class::cast)
                .noneMatch(s -> s.getString("service").equals("turning")), "no private service");
        assertTrue(x.getJsonArray("services").stream().map(JsonObject.class::cast)
                .anyMatch(s -> s.getString("service").equals("transcript")));
        assertEquals("Beitun District Household Registration Office, Taichung",
                cityOffice("beitun").getJsonObject("office").getJsonObject("name").getString("en"));
    }

    @Test
    void anyoneMayReadTheCityViewFromAnotherSite() throws Exception {
        var response = city.exchange(city.request("/api/public/city", null)
                .header("Origin", "https://opendata.taichung.gov.tw").GET().build());
        assertEquals(200, response.statusCode());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    // --- helpers

    static OfficeConfig office(String id, String district) throws IOException {
        try (InputStream in = OfficeConfigLoader.class.getResourceAsStream(OfficeConfigLoader.SAMPLE_RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!id.equals("xitun")) {
                text = text.replace("id: xitun\n", "id: " + id + "\n")
                        .replace("臺中市西屯區戶政事務所", "臺中市北屯區戶政事務所")
                        .replace("Xitun District Household Registration Office", district + " District Household Registration Office");
            }
            return DemoOffice.with(OfficeConfigLoader.parse(text, id + ".yaml"), 1_000);
        }
    }

    static JsonObject cityOffice(String id) {
        HubClient.Response r = city.get("/api/public/city");
        if (r.status() != 200) {
            return null;
        }
        return r.json().getJsonArray("offices").stream().map(JsonObject.class::cast)
                .filter(o -> o.getJsonObject("office").getString("id").equals(id)).findFirst().orElse(null);
    }

    static int waiting(JsonObject office, String service) {
        return office.getJsonArray("services").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("service").equals(service)).findFirst()
                .map(s -> s.getInteger("waiting")).orElseThrow();
    }

    static void waitFor(Duration limit, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit.toMillis() + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
