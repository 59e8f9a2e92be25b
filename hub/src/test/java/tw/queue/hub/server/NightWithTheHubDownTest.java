package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/**
 * "The hub was off all night." On Tuesday at 16:45 counter 1 calls a citizen and nobody presses finish; another
 * citizen still waits; the hub is stopped at 16:50 and started again on Wednesday at 08:30. The day the start
 * closes is Tuesday, and it closes when Tuesday's office closed (17:00), not when the hub came back: the visit
 * counts 15 minutes of service, not 15 hours 45, in Tuesday's statistics and in its history.
 */
class NightWithTheHubDownTest {
    private static final String TUESDAY = "2026-12-01";

    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final HubClient hub = demo.client();

    @Test
    void theVisitLeftOpenAtTheCounterEndsWhenTheOfficeClosedNotWhenTheHubCameBack() {
        demo.clock().advance(Duration.ofHours(7).plusMinutes(45)); // Tuesday 16:45
        String clerk = hub.openCounter(1);
        hub.issue("transcript");
        hub.issue("transcript");
        hub.callNext(1, clerk);
        demo.clock().advance(Duration.ofMinutes(5));

        demo.server().stop();
        demo.clock().advance(Duration.ofHours(15).plusMinutes(40)); // Wednesday 08:30
        demo.server().startAgain();

        String manager = hub.login("manager");
        JsonObject day = hub.send(hub.request("/api/stats/day?date=" + TUESDAY, manager).GET().build()).json();
        JsonObject overall = day.getJsonObject("overall");
        assertThat(overall.getInteger("served")).as(day.encodePrettily()).isEqualTo(1);
        assertThat(overall.getInteger("notServed")).as("the one still waiting at closing").isEqualTo(1);
        assertThat(overall.getDouble("meanServiceSeconds")).as("16:45 to Tuesday's closing at 17:00, in seconds")
                .isEqualTo(900.0);

        JsonObject history = hub.send(hub.request("/api/stats/summary?from=" + TUESDAY + "&to=" + TUESDAY
                + "&by=service", manager).GET().build()).json();
        JsonObject transcript = history.getJsonArray("rows").getJsonObject(0);
        assertThat(transcript.getString("key")).isEqualTo("transcript");
        assertThat(transcript.getDouble("serviceMean")).as(history.encodePrettily()).isEqualTo(900.0);

        assertThat(hub.queue().getString("day")).as("Wednesday is open").isEqualTo("2026-12-02");
    }
}
