package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;
import tw.queue.time.ManualClock;

/** The help bell (愛心鈴) at the entrance: an alert until a volunteer or manager takes it on. */
class HelpBellTest {
    private static final String HELP = "{\"kind\":\"help\",\"place\":\"entrance\"}";
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final ManualClock clock = demo.clock();
    private final HubClient hub = demo.client();

    private JsonArray open(String token) {
        HubClient.Response r = hub.send(hub.request("/api/alerts", token).GET().build());
        assertThat(r.status()).isEqualTo(200);
        return new JsonArray(r.body());
    }


    @Test
    void theBellRaisesOneAlertUntilAVolunteerTakesItOnAndTheTimeToAcknowledgeIsLogged() throws Exception {
        String volunteer = hub.login("volunteer");
        long seq = hub.queue().getLong("seq");
        try (SseReader stream = new SseReader(hub.base(), seq)) {
            HubClient.Response rung = hub.post("/api/alerts", "demo-kiosk-1", HELP);
            assertThat(rung.status()).isEqualTo(201);
            String id = rung.json().getString("id");
            assertThat(rung.json().getString("device")).isEqualTo("demo-kiosk-1");
            assertThat(rung.json().getString("raisedAt")).isEqualTo(clock.instant().toString());
            SseReader.Message raised = stream.next("alert.raised");
            assertThat(raised.event()).isEqualTo("alert.raised");
            assertThat(raised.data().getString("alert")).isEqualTo(id);
            assertThat(raised.data().getString("kind")).isEqualTo("help");
            assertThat(raised.data().getString("place")).isEqualTo("entrance");

            long afterRaise = hub.queue().getLong("seq");
            clock.advance(Duration.ofSeconds(5));
            HubClient.Response again = hub.post("/api/alerts", "demo-kiosk-1", HELP);
            assertThat(again.status()).as("a second press, no duplicate").isEqualTo(200);
            assertThat(again.json().getString("id")).isEqualTo(id);
            assertThat(open(volunteer)).hasSize(1);
            assertThat(hub.queue().getLong("seq")).as("the second press logged nothing").isEqualTo(afterRaise);

            clock.advance(Duration.ofSeconds(37));
            HubClient.Response ack = hub.post("/api/alerts/" + id + "/ack", volunteer, null);
            assertThat(ack.status()).isEqualTo(200);
            assertThat(ack.json().getLong("secondsToAcknowledge")).isEqualTo(42);
            assertThat(ack.json().getString("acknowledgedAt")).isEqualTo(clock.instant().toString());
            SseReader.Message acked = stream.next("alert.acknowledged");
            assertThat(acked.event()).isEqualTo("alert.acknowledged");
            assertThat(acked.data().getLong("secondsToAcknowledge")).isEqualTo(42);
            assertThat(acked.data().encode()).as("no staff names on the public stream").doesNotContain("volunteer");
        }
        String manager = hub.login("manager");
        assertThat(open(manager)).isEmpty();
        JsonObject stats = hub.send(hub.request("/api/stats/day", manager).GET().build()).json();
        assertThat(stats.getJsonObject("alerts").getInteger("raised")).isEqualTo(1);
        assertThat(stats.getJsonObject("alerts").getInteger("acknowledged")).isEqualTo(1);
        assertThat(stats.getJsonObject("alerts").getDouble("meanSecondsToAcknowledge")).isEqualTo(42.0);
    }

    @Test
    void anAlertAcknowledgedTwiceIsAConflictAndTheNextRingIsANewAlert() {
        String manager = hub.login("manager");
        String id = hub.post("/api/alerts", "demo-kiosk-2", HELP).json().getString("id");
        assertThat(hub.post("/api/alerts/" + id + "/ack", manager, null).status()).isEqualTo(200);

        HubClient.Response twice = hub.post("/api/alerts/" + id + "/ack", hub.login("volunteer"), null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.error()).isEqualTo("alert-acknowledged");

        HubClient.Response next = hub.post("/api/alerts", "demo-kiosk-2", HELP);
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.json().getString("id")).isNotEqualTo(id);
    }

    @Test
    void aVolunteerMayRaiseAnAlertToo() {
        HubClient.Response r = hub.post("/api/alerts", hub.login("volunteer"), "{\"kind\":\"help\",\"place\":\"hall\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().containsKey("device")).isFalse();
    }

    @Test
    void whoMayRingListAndAcknowledge() {
        String clerk = hub.login("clerk5");
        long seq = hub.queue().getLong("seq");
        assertThat(hub.post("/api/alerts", null, HELP).status()).isEqualTo(401);
        for (String token : List.of("demo-board-1", "demo-panel-5", clerk)) {
            HubClient.Response r = hub.post("/api/alerts", token, HELP);
            assertThat(r.status()).as(token).isEqualTo(403);
            assertThat(r.error()).isEqualTo("role-forbidden");
        }
        assertThat(hub.get("/api/alerts").status()).isEqualTo(401);
        assertThat(hub.send(hub.request("/api/alerts", "demo-kiosk-1").GET().build()).status()).isEqualTo(403);
        assertThat(hub.queue().getLong("seq")).isEqualTo(seq);

        String id = hub.post("/api/alerts", "demo-kiosk-1", HELP).json().getString("id");
        assertThat(hub.post("/api/alerts/" + id + "/ack", null, null).status()).isEqualTo(401);
        assertThat(hub.post("/api/alerts/" + id + "/ack", clerk, null).status()).isEqualTo(403);
        assertThat(hub.post("/api/alerts/" + id + "/ack", "demo-kiosk-1", null).status()).isEqualTo(403);
        assertThat(open(hub.login("volunteer"))).hasSize(1);
    }

    @Test
    void badAlertsAreRefusedAndChangeNothing() {
        String volunteer = hub.login("volunteer");
        long seq = hub.queue().getLong("seq");
        for (String body : List.of("{\"kind\":\"fire\",\"place\":\"entrance\"}", "{\"kind\":\"help\"}",
                "{\"kind\":\"help\",\"place\":\"Front Door\"}", "{\"kind\":\"help\",\"place\":\"entrance\",\"x\":1}",
                "{\"kind\":")) {
            HubClient.Response r = hub.post("/api/alerts", "demo-kiosk-1", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().getString("error")).isIn("invalid-request", "malformed-json");
        }
        HubClient.Response unknown = hub.post("/api/alerts/a-0123456789abcdef/ack", volunteer, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown-alert");
        HubClient.Response badId = hub.post("/api/alerts/not-an-alert/ack", volunteer, null);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.error()).isEqualTo("invalid-request");
        assertThat(hub.queue().getLong("seq")).isEqualTo(seq);
        assertThat(open(volunteer)).isEmpty();
    }
}
