package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/**
 * A second press never skips a citizen: the demo hub on a loopback port, real HTTP, on a clock the test moves
 * (Tuesday 09:00 in Taipei), with the office's default rules (10 s guard, 30 s before a no-show).
 */
class CounterGuardTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final HubClient hub = demo.client();
    private String clerk;
    private List<JsonObject> tickets;


    @BeforeEach
    void start() {
        clerk = hub.openCounter(3);
        tickets = List.of(hub.issue("transcript"), hub.issue("transcript"), hub.issue("transcript"));
    }

    private HubClient.Response press(String action) {
        return hub.post("/api/counters/3/" + action, clerk, null);
    }

    private String status(JsonObject ticket) {
        return hub.get("/api/tickets/" + ticket.getString("id")).json().getString("status");
    }

    @Test
    void twoCallNextPressesOneSecondApartCallOneCitizen() {
        HubClient.Response first = press("call-next");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().getJsonObject("ticket").getString("id")).isEqualTo(tickets.get(0).getString("id"));
        long seq = hub.queue().getLong("seq");

        demo.clock().advance(Duration.ofSeconds(1));
        HubClient.Response second = press("call-next");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.error()).isEqualTo("call-too-soon");
        assertThat(second.json().getString("message")).contains("9");
        assertThat(status(tickets.get(0))).as("the first citizen is still being served").isEqualTo("called");
        assertThat(status(tickets.get(1))).as("the second citizen still waits").isEqualTo("waiting");
        assertThat(hub.queue().getLong("seq")).as("nothing was logged").isEqualTo(seq);
    }

    @Test
    void aHeldKeyPressingTenTimesInASecondCallsOneCitizen() {
        assertThat(press("call-next").status()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            demo.clock().advance(Duration.ofMillis(100));
            assertThat(press("call-next").status()).isEqualTo(409);
        }
        assertThat(status(tickets.get(1))).isEqualTo("waiting");
        assertThat(status(tickets.get(2))).isEqualTo("waiting");
    }

    @Test
    void afterFinishCallNextWorksAtOnce() {
        press("call-next");
        demo.clock().advance(Duration.ofSeconds(1));

        assertThat(press("finish").status()).isEqualTo(200);
        HubClient.Response next = press("call-next");

        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().getJsonObject("ticket").getString("id")).isEqualTo(tickets.get(1).getString("id"));
        assertThat(status(tickets.get(0))).isEqualTo("served");
    }

    @Test
    void tenSecondsAfterTheCallOnePressFinishesAndCallsTheNext() {
        press("call-next");
        demo.clock().advance(Duration.ofSeconds(10));

        HubClient.Response next = press("call-next");

        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().getJsonObject("ticket").getString("id")).isEqualTo(tickets.get(1).getString("id"));
        assertThat(status(tickets.get(0))).isEqualTo("served");
    }

    @Test
    void aNoShowOnlyAfterTheCitizenHadThirtySecondsToWalkOver() {
        press("call-next");
        demo.clock().advance(Duration.ofSeconds(29));

        HubClient.Response early = hub.send(hub.request("/api/counters/3/no-show", clerk)
                .header("Accept-Language", "zh-TW").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.error()).isEqualTo("no-show-too-soon");
        assertThat(early.json().getString("message")).contains("秒");
        assertThat(status(tickets.get(0))).isEqualTo("called");

        demo.clock().advance(Duration.ofSeconds(1));
        assertThat(press("no-show").status()).isEqualTo(200);
        assertThat(status(tickets.get(0))).isEqualTo("no-show");
    }

    @Test
    void aPanelPressAfterTheClerksPressIsADoublePressToo() {
        assertThat(press("call-next").status()).isEqualTo(200);
        demo.clock().advance(Duration.ofSeconds(2));

        HubClient.Response panel = hub.post("/api/counters/3/call-next", "demo-panel-3", null);

        assertThat(panel.status()).isEqualTo(409);
        assertThat(panel.error()).isEqualTo("call-too-soon");
        assertThat(status(tickets.get(1))).isEqualTo("waiting");
    }
}
