package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/**
 * What anyone on the lobby's network can read about a citizen: the public event stream (no token), a ticket's
 * page (whoever holds the id) and a kiosk's answer show that a number has priority, never which class (a
 * disability, a pregnancy); the staff's views keep the class. A paired device's id says nothing of its token.
 */
class WhatStrangersSeeTest {

    @RegisterExtension
    final HubPerTest demo = HubPerTest.demo();
    private final HubClient hub = demo.client();

    private JsonObject issueWithPriority(String priority) {
        HubClient.Response r = hub.postJson("/api/tickets", "demo-kiosk-1",
                new JsonObject().put("service", "transcript").put("priority", priority));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void aCitizenWithADisabilityIsOnlyAPriorityNumberOnTheBoardsStreamAndTheTicketPage() throws Exception {
        long seq = hub.get("/health").json().getLong("seq");
        try (SseReader stream = new SseReader(hub.base(), seq)) {
            JsonObject kioskAnswer = issueWithPriority("disability");
            assertThat(kioskAnswer.getString("priority")).as("the kiosk's screen in the lobby").isEqualTo("priority");

            SseReader.Message issued = stream.next("ticket.issued");
            assertThat(issued).as("ticket.issued on the stream").isNotNull();
            assertThat(issued.data().getString("priority")).isEqualTo("priority");
            assertThat(issued.data().encode()).doesNotContain("disability");

            String id = kioskAnswer.getString("id");
            HubClient.Response page = hub.get("/api/tickets/" + id);
            assertThat(page.json().getString("priority")).as("the phone page, no token").isEqualTo("priority");
            assertThat(page.body()).doesNotContain("disability");

            HubClient.Response staff = hub.send(hub.request("/api/tickets/" + id, hub.login("volunteer")).GET().build());
            assertThat(staff.json().getString("priority")).as("the volunteer's view").isEqualTo("disability");
        }
        // A replay from the log reads the same as the live stream.
        try (SseReader replay = new SseReader(hub.base(), 0L)) {
            SseReader.Message issued = replay.next("ticket.issued");
            assertThat(issued.data().getString("priority")).isEqualTo("priority");
        }
        String clerk = hub.openCounter(1);
        assertThat(hub.callNext(1, clerk).getString("priority")).as("the clerk at the counter")
                .isEqualTo("disability");
    }

    @Test
    void anOrdinaryNumberIsNoneEverywhere() throws Exception {
        long seq = hub.get("/health").json().getLong("seq");
        try (SseReader stream = new SseReader(hub.base(), seq)) {
            JsonObject t = issueWithPriority("none");
            assertThat(t.getString("priority")).isEqualTo("none");
            assertThat(stream.next("ticket.issued").data().getString("priority")).isEqualTo("none");
        }
    }

    @Test
    void aPairedKiosksIdDoesNotGiveAwayAnyPartOfItsToken() {
        String manager = hub.login("manager");
        for (int i = 0; i < 5; i++) {
            HubClient.Response code = hub.post("/api/pairings", manager,
                    "{\"type\":\"kiosk\",\"name\":\"lobby-kiosk\"}");
            HubClient.Response claimed = hub.post("/api/pairings/claim", null,
                    "{\"code\":\"" + code.json().getString("code") + "\"}");
            assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
            String token = claimed.json().getString("token");
            String deviceId = claimed.json().getString("deviceId").toLowerCase(Locale.ROOT);
            assertThat(deviceId).startsWith("lobby-kiosk-");
            String lowerToken = token.toLowerCase(Locale.ROOT);
            for (int at = 0; at + 6 <= lowerToken.length(); at++) {
                assertThat(deviceId).as("device id %s vs its token", deviceId)
                        .doesNotContain(lowerToken.substring(at, at + 6));
            }
            assertThat(hub.post("/api/tickets", token, "{\"service\":\"seal\"}").status()).isEqualTo(201);
        }
    }
}
