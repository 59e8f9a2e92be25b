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
import tw.queue.time.ManualClock;

/** Satisfaction after a visit, from the citizen's phone or the counter's box; and what a panel learns of its counter. */
class RatingTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final ManualClock clock = demo.clock();
    private final HubClient hub = demo.client();
    private String clerk;


    @BeforeEach
    void start() {
        clerk = hub.openCounter(5);
    }

    /** A citizen called at counter 5 and served there. */
    private JsonObject served() {
        JsonObject t = hub.issue("transcript");
        assertThat(hub.post("/api/counters/5/call-next", clerk, null).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(4));
        assertThat(hub.post("/api/counters/5/finish", clerk, null).status()).isEqualTo(200);
        return t;
    }

    private HubClient.Response rate(String ticketId, String token, String rating) {
        return hub.post("/api/tickets/" + ticketId + "/rating", token,
                "{\"rating\":\"" + rating + "\",\"comment\":\"王小明 thanks the clerk\"}");
    }


    @Test
    void aCitizenRatesOnceFromThePhoneAndTheStreamCarriesNoIdAndNoComment() throws Exception {
        JsonObject t = served();
        long seq = hub.queue().getLong("seq");
        try (SseReader stream = new SseReader(hub.base(), seq)) {
            HubClient.Response r = rate(t.getString("id"), null, "satisfied");
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.json().getString("rating")).isEqualTo("satisfied");
            assertThat(r.json().getInteger("counter")).isEqualTo(5);

            SseReader.Message m = stream.next("ticket.rated");
            assertThat(m.event()).isEqualTo("ticket.rated");
            assertThat(m.data().getInteger("number")).isEqualTo(t.getInteger("number"));
            assertThat(m.data().getString("service")).isEqualTo("transcript");
            assertThat(m.data().getInteger("counter")).isEqualTo(5);
            assertThat(m.data().getString("rating")).isEqualTo("satisfied");
            assertThat(m.data().encode()).doesNotContain(t.getString("id")).doesNotContain("王小明")
                    .doesNotContain("clerk5");
        }
        HubClient.Response twice = rate(t.getString("id"), null, "dissatisfied");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.error()).isEqualTo("already-rated");
    }

    @Test
    void aVisitIsRatedOnlyOnceItHasEnded() {
        JsonObject waiting = hub.issue("transcript");
        HubClient.Response early = rate(waiting.getString("id"), null, "neutral");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.error()).isEqualTo("visit-not-ended");

        hub.post("/api/counters/5/call-next", clerk, null);
        assertThat(rate(waiting.getString("id"), null, "neutral").error()).isEqualTo("visit-not-ended");
        clock.advance(Duration.ofSeconds(30));
        hub.post("/api/counters/5/no-show", clerk, null);
        assertThat(rate(waiting.getString("id"), null, "neutral").error()).as("a no-show had no visit")
                .isEqualTo("visit-not-ended");
    }

    @Test
    void theSatisfactionBoxOfTheServingCounterRatesAndNoOtherMay() {
        JsonObject t = served();
        long seq = hub.queue().getLong("seq");
        for (String token : List.of("demo-panel-6", "demo-kiosk-1", "demo-board-1", clerk, hub.login("manager"))) {
            HubClient.Response r = rate(t.getString("id"), token, "satisfied");
            assertThat(r.status()).as(token).isEqualTo(403);
        }
        assertThat(rate(t.getString("id"), "demo-panel-6", "satisfied").error()).isEqualTo("not-your-counter");
        assertThat(rate(t.getString("id"), "not-a-token", "satisfied").status()).isEqualTo(401);
        assertThat(hub.queue().getLong("seq")).isEqualTo(seq);

        assertThat(rate(t.getString("id"), "demo-panel-5", "dissatisfied").status()).isEqualTo(201);
    }

    @Test
    void badRatingsAreRefusedAndChangeNothing() {
        JsonObject t = served();
        long seq = hub.queue().getLong("seq");
        String path = "/api/tickets/" + t.getString("id") + "/rating";
        for (String body : List.of("{\"rating\":\"great\"}", "{}", "{\"rating\":\"satisfied\",\"stars\":5}",
                "{\"rating\":\"satisfied\",\"comment\":\"" + "x".repeat(501) + "\"}", "{\"rating\":")) {
            HubClient.Response r = hub.post(path, null, body);
            assertThat(r.status()).as(body).isEqualTo(400);
        }
        HubClient.Response unknown = rate("no-such-ticket-id", null, "satisfied");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown-ticket");
        assertThat(hub.queue().getLong("seq")).isEqualTo(seq);
    }

    @Test
    void aPanelReadsItsCounterWithTheIdsOfTheCurrentAndLastServedTickets() {
        JsonObject first = served();
        JsonObject second = hub.issue("transcript");
        hub.post("/api/counters/5/call-next", clerk, null);

        HubClient.Response r = hub.send(hub.request("/api/counters/5", "demo-panel-5").GET().build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().getInteger("counter")).isEqualTo(5);
        assertThat(r.json().getString("status")).isEqualTo("open");
        assertThat(r.json().getString("clerk")).isEqualTo("clerk5");
        assertThat(r.json().getJsonObject("ticket").getString("id")).isEqualTo(second.getString("id"));
        assertThat(r.json().getJsonObject("lastFinished").getString("id")).isEqualTo(first.getString("id"));
        assertThat(hub.send(hub.request("/api/counters/5", clerk).GET().build()).status()).isEqualTo(200);
        assertThat(hub.send(hub.request("/api/counters/5", hub.login("manager")).GET().build()).status()).isEqualTo(200);
    }

    @Test
    void onlyTheClerkThePanelOfTheCounterAndAManagerReadIt() {
        assertThat(hub.get("/api/counters/5").status()).isEqualTo(401);
        HubClient.Response otherPanel = hub.send(hub.request("/api/counters/5", "demo-panel-6").GET().build());
        assertThat(otherPanel.status()).isEqualTo(403);
        assertThat(otherPanel.error()).isEqualTo("not-your-counter");
        assertThat(hub.send(hub.request("/api/counters/5", hub.login("clerk6")).GET().build()).status()).isEqualTo(403);
        assertThat(hub.send(hub.request("/api/counters/5", "demo-kiosk-1").GET().build()).status()).isEqualTo(403);
        assertThat(hub.send(hub.request("/api/counters/5", hub.login("volunteer")).GET().build()).status()).isEqualTo(403);
        assertThat(hub.send(hub.request("/api/counters/99", "demo-panel-5").GET().build()).status()).isEqualTo(404);
        HubClient.Response empty = hub.send(hub.request("/api/counters/7", hub.login("manager")).GET().build());
        assertThat(empty.json().getValue("ticket")).isNull();
        assertThat(empty.json().getValue("lastFinished")).isNull();
        assertThat(empty.json().getString("status")).isEqualTo("closed");
    }
}
