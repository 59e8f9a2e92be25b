package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;
import tw.queue.time.ManualClock;

/** Devices report their health; the manager sees who is missing or faulty. A demo hub on a clock the test moves. */
class DeviceHealthTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final ManualClock clock = demo.clock();
    private final HubClient hub = demo.client();

    private HubClient.Response report(String device, String token, String components) {
        return hub.post("/api/devices/" + device + "/health", token,
                "{\"components\":" + components + ",\"agent\":\"kiosk 0.1.0\"}");
    }

    private JsonObject listed(String device) {
        HubClient.Response r = hub.send(hub.request("/api/devices", hub.login("manager")).GET().build());
        assertThat(r.status()).isEqualTo(200);
        JsonArray all = new JsonArray(r.body());
        return all.stream().map(JsonObject.class::cast).filter(d -> d.getString("id").equals(device))
                .findFirst().orElseThrow();
    }


    @Test
    void aKioskOutOfPaperShowsAsFaultyToTheManagerAndOnTheStream() throws Exception {
        long seq = hub.queue().getLong("seq");
        try (SseReader stream = new SseReader(hub.base(), seq)) {
            HubClient.Response r = report("demo-kiosk-1", "demo-kiosk-1", "{\"printer\":\"paper-out\"}");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().getString("status")).isEqualTo("fault");
            assertThat(r.json().getString("type")).isEqualTo("kiosk");
            SseReader.Message m = stream.next("device.health");
            assertThat(m.event()).isEqualTo("device.health");
            assertThat(m.data().getString("device")).isEqualTo("demo-kiosk-1");
            assertThat(m.data().getString("deviceType")).isEqualTo("kiosk");
            assertThat(m.data().getString("status")).isEqualTo("fault");
            assertThat(m.data().getJsonObject("components").getString("printer")).isEqualTo("paper-out");
        }
        JsonObject kiosk = listed("demo-kiosk-1");
        assertThat(kiosk.getString("status")).isEqualTo("fault");
        assertThat(kiosk.getJsonObject("components").getString("printer")).isEqualTo("paper-out");
        assertThat(kiosk.getString("lastSeen")).isEqualTo(clock.instant().toString());
        JsonObject board = listed("demo-board-1");
        assertThat(board.getString("status")).as("never heard from").isEqualTo("offline");
        assertThat(board.getValue("lastSeen")).isNull();
        assertThat(listed("demo-panel-5").getJsonArray("counters")).containsExactly(5);
    }

    @Test
    void paperLowIsAWarningAndADisplayNotAnsweringAFault() {
        assertThat(report("demo-kiosk-2", "demo-kiosk-2", "{\"printer\":\"paper-low\",\"gpio\":\"ok\"}")
                .json().getString("status")).isEqualTo("warning");
        assertThat(report("demo-panel-5", "demo-panel-5", "{\"display:5\":\"not-answering\"}")
                .json().getString("status")).isEqualTo("fault");
        assertThat(report("demo-panel-6", "demo-panel-6", "{\"display:6\":\"ok\"}")
                .json().getString("status")).isEqualTo("ok");
    }

    @Test
    void heartbeatsThatChangeNothingAreNotLogged() {
        report("demo-kiosk-1", "demo-kiosk-1", "{\"printer\":\"ok\"}");
        long seq = hub.queue().getLong("seq");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(15));
            assertThat(report("demo-kiosk-1", "demo-kiosk-1", "{\"printer\":\"ok\"}").status()).isEqualTo(200);
        }
        assertThat(hub.queue().getLong("seq")).isEqualTo(seq);
        assertThat(listed("demo-kiosk-1").getString("lastSeen")).isEqualTo(clock.instant().toString());

        report("demo-kiosk-1", "demo-kiosk-1", "{\"printer\":\"cover-open\"}");
        assertThat(hub.queue().getLong("seq")).isEqualTo(seq + 1);
    }

    @Test
    void aDeviceSilentForOverAMinuteGoesOfflineOnceAndComesBackWithItsNextHeartbeat() throws Exception {
        report("demo-board-1", "demo-board-1", "{\"display:board\":\"ok\"}");
        long seq = hub.queue().getLong("seq");
        clock.advance(Duration.ofSeconds(60));
        assertThat(listed("demo-board-1").getString("status")).as("a minute is not over a minute").isEqualTo("ok");

        try (SseReader stream = new SseReader(hub.base(), seq)) {
            clock.advance(Duration.ofSeconds(1));
            SseReader.Message m = stream.next("device.health");
            assertThat(m).as("an offline event within the hub's next check").isNotNull();
            assertThat(m.event()).isEqualTo("device.health");
            assertThat(m.data().getString("device")).isEqualTo("demo-board-1");
            assertThat(m.data().getString("status")).isEqualTo("offline");
            assertThat(listed("demo-board-1").getString("status")).isEqualTo("offline");

            report("demo-board-1", "demo-board-1", "{\"display:board\":\"ok\"}");
            SseReader.Message back = stream.next("device.health");
            // The next device.health after going offline is the heartbeat's: offline was logged once.
            assertThat(back.data().getString("status")).isEqualTo("ok");
        }
    }

    @Test
    void aRestartedHubStillKnowsWhichDeviceIsFaulty() {
        report("demo-kiosk-1", "demo-kiosk-1", "{\"printer\":\"paper-out\"}");

        demo.server().restart();

        JsonObject kiosk = listed("demo-kiosk-1");
        assertThat(kiosk.getString("status")).isEqualTo("fault");
        assertThat(kiosk.getJsonObject("components").getString("printer")).isEqualTo("paper-out");
    }

    static Stream<Arguments> refused() {
        String ok = "{\"components\":{\"printer\":\"ok\"}}";
        return Stream.of(
                Arguments.of("no token", "/api/devices/demo-kiosk-1/health", null, ok, 401, "unauthenticated"),
                Arguments.of("another device's id", "/api/devices/demo-kiosk-2/health", "demo-kiosk-1", ok, 403, "not-your-device"),
                Arguments.of("a manager for a device", "/api/devices/demo-kiosk-1/health", "@manager", ok, 403, "role-forbidden"),
                Arguments.of("no components", "/api/devices/demo-kiosk-1/health", "demo-kiosk-1", "{}", 400, "invalid-request"),
                Arguments.of("components not an object", "/api/devices/demo-kiosk-1/health", "demo-kiosk-1",
                        "{\"components\":[\"printer\"]}", 400, "invalid-request"),
                Arguments.of("a state with spaces", "/api/devices/demo-kiosk-1/health", "demo-kiosk-1",
                        "{\"components\":{\"printer\":\"paper out\"}}", 400, "invalid-request"),
                Arguments.of("a component name with spaces", "/api/devices/demo-kiosk-1/health", "demo-kiosk-1",
                        "{\"components\":{\"the printer\":\"ok\"}}", 400, "invalid-request"),
                Arguments.of("an unknown field", "/api/devices/demo-kiosk-1/health", "demo-kiosk-1",
                        "{\"components\":{},\"battery\":3}", 400, "invalid-request"),
                Arguments.of("malformed JSON", "/api/devices/demo-kiosk-1/health", "demo-kiosk-1",
                        "{\"components\":", 400, "malformed-json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aBadHeartbeatIsRefusedAndChangesNothing(String scene, String path, String token, String body, int status,
                                                 String error) {
        long seq = hub.queue().getLong("seq");
        String bearer = token != null && token.startsWith("@") ? hub.login(token.substring(1)) : token;

        HubClient.Response r = hub.post(path, bearer, body);

        assertThat(r.status()).isEqualTo(status);
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.json().getString("message")).isNotBlank();
        assertThat(hub.queue().getLong("seq")).isEqualTo(seq);
    }

    @Test
    void onlyTheManagerListsDevices() {
        assertThat(hub.get("/api/devices").status()).isEqualTo(401);
        for (String who : List.of("clerk5", "volunteer")) {
            HubClient.Response r = hub.send(hub.request("/api/devices", hub.login(who)).GET().build());
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.error()).isEqualTo("role-forbidden");
        }
        HubClient.Response kiosk = hub.send(hub.request("/api/devices", "demo-kiosk-1").GET().build());
        assertThat(kiosk.status()).isEqualTo(403);
    }
}
