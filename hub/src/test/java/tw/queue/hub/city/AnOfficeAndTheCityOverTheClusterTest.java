package tw.queue.hub.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.config.CityConfig;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;
import tw.queue.testsupport.Await;

/**
 * The cluster's part in the default build: a city member, then one office hub joining it over Hazelcast on
 * loopback (two members in this JVM; the city is up first, as in the morning when one office starts late). A
 * number taken at the office reaches the city's view over the clustered event bus; the office's own hub shows
 * the city too; the office leaving (its hub's stop) is stale in the city's view at once, not after 10 s.
 * The four-process version, with SIGKILL and SIGSTOP, is {@link ThreeOfficesAndTheCityAsProcessesTest}.
 */
class AnOfficeAndTheCityOverTheClusterTest {
    @TempDir
    Path data;

    @Test
    void aNumberCrossesTheClusterAndALeavingOfficeIsStaleAtOnce() throws Exception {
        int cityPort = freePort();
        int officePort = freePort();
        CityConfig city = CityOffices.taichung(cityPort, cityPort, officePort);
        long t0 = System.nanoTime();
        CityMember cityMember = CityCluster.join(city).await();
        CityView view = new CityView(city);
        cityMember.onMemberLeft(view::memberLeft);
        CityViewVerticle verticle = new CityViewVerticle(view, "127.0.0.1", 0);
        cityMember.vertx().deployVerticle(verticle).await();
        HubClient cityApi = new HubClient("http://127.0.0.1:" + verticle.port());
        long cityUp = System.nanoTime();
        try (TestHub office = TestHub.demo(data)) {
            OfficeSummaryPublisher publisher = new OfficeSummaryPublisher(office.vertx(), city.withPort(officePort),
                    office.verticle()::publicSummary);
            CityView own = new CityView(city);
            publisher.onJoined(member -> own.follow(member.vertx()));
            office.verticle().city(own);
            publisher.start();
            try {
                Await.until(Duration.ofSeconds(30), () -> fresh(cityApi, "xitun"), "Xitun fresh in the city view");
                System.out.printf("City: the city member up after %d ms, the office in its view %d ms later%n",
                        (cityUp - t0) / 1_000_000, (System.nanoTime() - cityUp) / 1_000_000);
                int before = transcripts(office(cityApi, "xitun"));
                long t = System.nanoTime();
                office.client().issue("transcript");
                Await.until(Duration.ofSeconds(2), () -> transcripts(office(cityApi, "xitun")) == before + 1,
                        "the new transcript number in the city view");
                System.out.printf("City: a number taken at the office in the city's view after %d ms%n",
                        (System.nanoTime() - t) / 1_000_000);
                assertThat(office.client().get("/api/public/city").json().getJsonArray("offices")).hasSize(1);
            } finally {
                long t = System.nanoTime();
                publisher.close().await();
                Await.until(Duration.ofSeconds(5), () -> !fresh(cityApi, "xitun"), "Xitun stale once it left");
                System.out.printf("City: the office left the cluster, stale in the city's view after %d ms%n",
                        (System.nanoTime() - t) / 1_000_000);
            }
        } finally {
            cityMember.close().await();
        }
    }

    private static JsonObject office(HubClient city, String id) {
        return city.get("/api/public/city").json().getJsonArray("offices").stream().map(JsonObject.class::cast)
                .filter(o -> o.getJsonObject("office").getString("id").equals(id)).findFirst().orElse(null);
    }

    private static boolean fresh(HubClient city, String id) {
        JsonObject o = office(city, id);
        return o != null && o.getValue("staleSince") == null;
    }

    private static int transcripts(JsonObject office) {
        return office.getJsonArray("services").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("service").equals("transcript")).findFirst().orElseThrow()
                .getInteger("waiting");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
