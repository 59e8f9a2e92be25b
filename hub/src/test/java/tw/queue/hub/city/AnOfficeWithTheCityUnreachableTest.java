package tw.queue.hub.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * An office hub started with {@code --cluster FILE} whose members never answer serves its office exactly as a
 * hub without it: the same numbers, calls and queue, from the first second (the cluster is joined in the
 * background by a Vert.x of its own); once its cluster member is up (alone), its own city view shows itself.
 */
class AnOfficeWithTheCityUnreachableTest {
    @TempDir
    Path data;

    /** The same morning at a hub: what each step answered, without the ids and times that differ. */
    private static List<Object> morning(HubClient hub) {
        List<Object> seen = new ArrayList<>();
        String clerk = hub.openCounter(1);
        for (String service : List.of("transcript", "transcript", "passport", "registration")) {
            JsonObject t = hub.issue(service);
            seen.add(List.of(t.getInteger("number"), t.getString("service"), t.getString("status"), t.getInteger("ahead")));
        }
        JsonObject called = hub.callNext(1, clerk);
        seen.add(List.of(called.getInteger("number"), called.getString("status")));
        hub.finish(1, clerk);
        JsonArray services = hub.queue().getJsonArray("services");
        services.forEach(s -> seen.add(List.of(((JsonObject) s).getString("id"), ((JsonObject) s).getInteger("waiting"))));
        JsonObject status = hub.get("/api/public/status").json();
        status.getJsonArray("services").forEach(s -> seen.add(java.util.Arrays.asList(((JsonObject) s).getString("service"),
                ((JsonObject) s).getValue("nowServing"), ((JsonObject) s).getInteger("waiting"))));
        return seen;
    }

    @Test
    void theOfficeServesAsBeforeWhileTheCityNeverAnswers() throws Exception {
        List<Object> plain;
        try (TestHub hub = TestHub.demo(data.resolve("plain"))) {
            plain = morning(hub.client());
        }
        try (TestHub hub = TestHub.demo(data.resolve("clustered"))) {
            // two members on ports where nothing listens
            var city = CityOffices.taichung(freePort(), freePort(), freePort());
            var publisher = new OfficeSummaryPublisher(hub.vertx(), city, hub.verticle()::publicSummary);
            CityView view = new CityView(city);
            publisher.onJoined(member -> view.follow(member.vertx()));
            hub.verticle().city(view);
            publisher.start();
            try {
                long t = System.nanoTime();
                List<Object> clustered = morning(hub.client());
                System.out.printf("City: the morning at a hub whose city never answers took %d ms%n",
                        (System.nanoTime() - t) / 1_000_000);
                assertThat(clustered).isEqualTo(plain);
                // the cluster's side did run: alone, the hub's own city view shows its own office
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                JsonArray offices = new JsonArray();
                while (offices.isEmpty() && System.nanoTime() < end) {
                    Thread.sleep(100);
                    offices = hub.client().get("/api/public/city").json().getJsonArray("offices");
                }
                assertThat(offices).hasSize(1);
                assertThat(offices.getJsonObject(0).getJsonObject("office").getString("id")).isEqualTo("xitun");
                assertThat(publisher.cluster()).isNotNull();
            } finally {
                publisher.close().await();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
