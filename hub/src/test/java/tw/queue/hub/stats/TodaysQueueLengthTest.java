package tw.queue.hub.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/** The manager watches today's queue length grow and shrink; the points stop at now (Tuesday, from 09:00). */
class TodaysQueueLengthTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final HubClient hub = demo.client();

    @Test
    void todaysPointsRunFromOpeningToNowAndCountWhoWaits() {
        String manager = hub.login("manager");
        String clerk = hub.openCounter(4);
        hub.issue("transcript");
        hub.issue("transcript");
        hub.issue("passport");
        demo.clock().advance(Duration.ofMinutes(7));
        hub.callNext(4, clerk);
        demo.clock().advance(Duration.ofMinutes(5));

        HubClient.Response r = hub.send(hub.request("/api/stats/queue-length?date=2026-12-01", manager).GET().build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonArray points = r.json().getJsonArray("points");
        List<String> at = points.stream().map(o -> ((JsonObject) o).getString("at")).toList();
        assertThat(at).startsWith("08:00", "08:05").endsWith("09:05", "09:10").hasSize(15);
        assertThat(points.getJsonObject(11).getInteger("total")).as("08:55").isZero();
        JsonObject nine = points.getJsonObject(12);
        assertThat(nine.getInteger("total")).as("09:00, the three numbers just taken").isEqualTo(3);
        assertThat(nine.getJsonObject("byService").getMap()).containsEntry("transcript", 2).containsEntry("passport", 1);
        JsonObject tenPast = points.getJsonObject(14);
        assertThat(tenPast.getInteger("total")).as("09:10, one called at 09:07").isEqualTo(2);
        assertThat(tenPast.getJsonObject("byService").getMap()).containsEntry("transcript", 1).containsEntry("passport", 1);
    }
}
