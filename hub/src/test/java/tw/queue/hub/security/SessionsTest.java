package tw.queue.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/**
 * Sessions end: a clerk signs out at the end of a shift, a manager ends a departed clerk's sessions, a stolen
 * kiosk is revoked. The token is refused from then on (401), also after the hub restarts.
 */
class SessionsTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demo();
    private final HubClient hub = demo.client();

    private int statusWith(String token) {
        return hub.get("/api/queue").status() == 200 ? hub.send("GET", "/api/counters/3", token, null).status() : -1;
    }

    @Test
    void aClerkWhoSignsOutCannotUseTheTokenAgainEvenAfterARestart() {
        String atTheCounter = hub.openCounter(3);
        String atTheBackOffice = hub.login("clerk3");
        assertThat(statusWith(atTheCounter)).isEqualTo(200);

        assertThat(hub.post("/api/logout", atTheCounter, null).status()).isEqualTo(204);
        HubClient.Response refused = hub.send("GET", "/api/counters/3", atTheCounter, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error()).isEqualTo("invalid-token");
        assertThat(hub.post("/api/counters/3/pause", atTheCounter, null).status()).isEqualTo(401);
        assertThat(statusWith(atTheBackOffice)).as("the clerk's other session").isEqualTo(200);

        demo.server().restart();
        assertThat(statusWith(atTheCounter)).as("after a restart").isEqualTo(401);
        assertThat(statusWith(atTheBackOffice)).isEqualTo(200);
        String again = hub.login("clerk3");
        assertThat(statusWith(again)).isEqualTo(200);
    }

    @Test
    void signingOutNeedsAToken() {
        HubClient.Response r = hub.post("/api/logout", null, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("unauthenticated");
        assertThat(hub.post("/api/logout", "not-a-token", null).status()).isEqualTo(401);
    }

    @Test
    void aManagerEndsEverySessionOfAClerk() {
        String manager = hub.login("manager");
        String one = hub.openCounter(3);
        String two = hub.login("clerk3");
        String volunteer = hub.login("volunteer");

        assertThat(hub.send("DELETE", "/api/sessions/clerk3", volunteer, null).status()).isEqualTo(403);
        HubClient.Response unknown = hub.send("DELETE", "/api/sessions/mallory", manager, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown-staff");
        assertThat(hub.send("DELETE", "/api/sessions/clerk%20three", manager, null).status()).isEqualTo(400);

        assertThat(hub.send("DELETE", "/api/sessions/clerk3", manager, null).status()).isEqualTo(204);
        assertThat(statusWith(one)).isEqualTo(401);
        assertThat(statusWith(two)).isEqualTo(401);
        assertThat(hub.send("GET", "/api/alerts", volunteer, null).status()).as("someone else").isEqualTo(200);

        String fresh = hub.login("clerk3");
        assertThat(statusWith(fresh)).as("signed in again").isEqualTo(200);
        demo.server().restart();
        assertThat(statusWith(one)).as("after a restart").isEqualTo(401);
        assertThat(statusWith(fresh)).isEqualTo(200);
    }

    @Test
    void aRevokedPairedKioskIsRefusedEvenAfterARestart() {
        String manager = hub.login("manager");
        String code = hub.post("/api/pairings", manager, "{\"type\":\"kiosk\",\"name\":\"entrance\"}").json()
                .getString("code");
        JsonObject paired = hub.post("/api/pairings/claim", null, "{\"code\":\"" + code + "\"}").json();
        String token = paired.getString("token");
        String id = paired.getString("deviceId");
        assertThat(hub.post("/api/tickets", token, "{\"service\":\"seal\"}").status()).isEqualTo(201);

        assertThat(hub.send("DELETE", "/api/devices/" + id, hub.login("volunteer"), null).status()).isEqualTo(403);
        assertThat(hub.send("DELETE", "/api/devices/" + id, manager, null).status()).isEqualTo(204);
        assertThat(hub.post("/api/tickets", token, "{\"service\":\"seal\"}").status()).isEqualTo(401);
        assertThat(new io.vertx.core.json.JsonArray(hub.send("GET", "/api/devices", manager, null).body()).stream()
                .map(d -> ((JsonObject) d).getString("id"))).doesNotContain(id).contains("demo-kiosk-1");
        HubClient.Response again = hub.send("DELETE", "/api/devices/" + id, manager, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error()).isEqualTo("unknown-device");

        demo.server().restart();
        assertThat(hub.post("/api/tickets", token, "{\"service\":\"seal\"}").status()).isEqualTo(401);
        assertThat(hub.post("/api/tickets", "demo-kiosk-1", "{\"service\":\"seal\"}").status()).isEqualTo(201);
    }

    @Test
    void aConfiguredKioskRevokedByTheManagerStaysRevokedAfterARestart() {
        String manager = hub.login("manager");
        assertThat(hub.send("DELETE", "/api/devices/demo-kiosk-2", manager, null).status()).isEqualTo(204);
        assertThat(hub.post("/api/tickets", "demo-kiosk-2", "{\"service\":\"seal\"}").status()).isEqualTo(401);
        demo.server().restart();
        assertThat(hub.post("/api/tickets", "demo-kiosk-2", "{\"service\":\"seal\"}").status()).isEqualTo(401);
        assertThat(hub.post("/api/tickets", "demo-kiosk-1", "{\"service\":\"seal\"}").status()).isEqualTo(201);
    }

    @Test
    void aDeviceThatSignsOutRevokesItsOwnToken() {
        assertThat(hub.post("/api/logout", "demo-board-1", null).status()).isEqualTo(204);
        assertThat(hub.post("/api/devices/demo-board-1/health", "demo-board-1",
                "{\"components\":{}}").status()).isEqualTo(401);
    }
}
