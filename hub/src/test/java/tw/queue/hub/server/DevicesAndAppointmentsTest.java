package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/** Pairing a kiosk or board browser with a code, and checking online appointments in. */
class DevicesAndAppointmentsTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    /**
     * Real time, moved to 10:00 in Taipei today: bookings a few minutes before or after now stay on today's date
     * whenever the test runs (on the wall clock it failed from 23:40 to 00:20 Taipei: "appointment-not-today").
     */
    private static final Clock MORNING = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(),
            LocalDate.now(TAIPEI).atTime(10, 0).atZone(TAIPEI).toInstant()));

    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOn(MORNING);
    private final HubClient hub = demo.client();
    private String manager;

    @BeforeEach
    void start() {
        manager = hub.login("manager");
    }


    @Test
    void aKioskPairsOnceWithACodeAndKeepsItsTokenAcrossRestarts() {
        HubClient.Response code = hub.post("/api/pairings", manager, "{\"type\":\"kiosk\",\"name\":\"lobby-kiosk\"}");
        assertThat(code.status()).isEqualTo(201);
        String digits = code.json().getString("code");
        assertThat(digits).matches("[0-9]{8}");

        HubClient.Response claimed = hub.post("/api/pairings/claim", null, "{\"code\":\"" + digits + "\"}");
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().getString("role")).isEqualTo("kiosk");
        String token = claimed.json().getString("token");
        assertThat(hub.post("/api/tickets", token, "{\"service\":\"seal\"}").status()).isEqualTo(201);

        // The code is used up.
        HubClient.Response again = hub.post("/api/pairings/claim", null, "{\"code\":\"" + digits + "\"}");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.error()).isEqualTo("unknown-pairing-code");

        demo.server().restart();
        assertThat(hub.post("/api/tickets", token, "{\"service\":\"seal\"}").status()).isEqualTo(201);
        // A kiosk is still a kiosk: it may not call.
        assertThat(hub.post("/api/counters/1/call-next", token, null).status()).isEqualTo(403);
    }

    @Test
    void onlyAManagerIssuesPairingCodesAndGuessingIsThrottled() {
        assertThat(hub.post("/api/pairings", hub.login("volunteer"), "{\"type\":\"kiosk\",\"name\":\"k\"}").status())
                .isEqualTo(403);
        assertThat(hub.post("/api/pairings", manager, "{\"type\":\"panel\",\"name\":\"k\"}").status()).isEqualTo(400);
        int throttled = 0;
        for (int i = 0; i < 30; i++) {
            HubClient.Response r = hub.post("/api/pairings/claim", null, String.format("{\"code\":\"%08d\"}", i));
            assertThat(r.status()).isIn(404, 429);
            if (r.status() == 429) {
                throttled++;
            }
        }
        assertThat(throttled).isPositive();
    }

    @Test
    void anAppointmentChecksInWithPriorityOnceAndGoesFirst() {
        hub.post("/api/counters/8/open", hub.login("clerk8"), null);
        hub.issue("registration");
        HubClient.Response r = hub.post("/api/appointments/check-in", "demo-kiosk-1", "{\"code\":\"DEMO1\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonObject t = r.json();
        assertThat(t.getString("priority")).as("a kiosk hears only that it has priority; dueAt says why")
                .isEqualTo("priority");
        assertThat(t.getString("service")).isEqualTo("registration");
        assertThat(t.getString("dueAt")).isNotNull();
        assertThat(t.getInteger("ahead")).isZero();

        HubClient.Response twice = hub.post("/api/appointments/check-in", "demo-kiosk-1", "{\"code\":\"DEMO1\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.error()).isEqualTo("appointment-used");
        HubClient.Response unknown = hub.post("/api/appointments/check-in", "demo-kiosk-1", "{\"code\":\"NOPE1\"}");
        assertThat(unknown.status()).isEqualTo(404);

        String clerk8 = hub.login("clerk8");
        JsonObject called = hub.post("/api/counters/8/call-next", clerk8, null).json().getJsonObject("ticket");
        assertThat(called.getString("id")).isEqualTo(t.getString("id"));
    }

    @Test
    void anAppointmentCheckedInEarlyWaitsForItsTimeWithoutHoldingOthersUp() {
        String clerk = hub.login("clerk16");
        hub.post("/api/counters/16/open", clerk, null);
        JsonObject early = hub.post("/api/appointments/check-in", "demo-kiosk-1", "{\"code\":\"DEMO3\"}").json();
        assertThat(early.getString("service")).isEqualTo("transcript");
        JsonObject walkIn = hub.issue("transcript");
        JsonObject called = hub.post("/api/counters/16/call-next", clerk, null).json().getJsonObject("ticket");
        assertThat(called.getString("id")).isEqualTo(walkIn.getString("id"));
    }

    @Test
    void aBookingMoreThanFifteenMinutesLateHasLapsed() {
        Instant late = Instant.now(MORNING).minus(Duration.ofMinutes(20));
        JsonObject body = new JsonObject().put("appointments", new JsonArray().add(new JsonObject()
                .put("code", "LATE1").put("service", "passport").put("at", late.toString())));
        assertThat(hub.post("/api/appointments", manager, body.encode()).status()).isEqualTo(200);
        HubClient.Response r = hub.post("/api/appointments/check-in", "demo-kiosk-1", "{\"code\":\"LATE1\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error()).isEqualTo("appointment-late");
    }

    @Test
    void bookingsSurviveARestart() {
        Instant soon = Instant.now(MORNING).plus(Duration.ofMinutes(5));
        JsonObject body = new JsonObject().put("appointments", new JsonArray().add(new JsonObject()
                .put("code", "KEEP1").put("service", "seal").put("at", soon.toString())));
        assertThat(hub.post("/api/appointments", manager, body.encode()).status()).isEqualTo(200);
        demo.server().restart();
        assertThat(hub.post("/api/appointments/check-in", "demo-kiosk-1", "{\"code\":\"KEEP1\"}").status())
                .isEqualTo(201);
    }

    @Test
    void theQueueSaysWhetherTheOfficeIsOpen() {
        JsonObject q = hub.queue();
        assertThat(q.containsKey("officeOpen")).isTrue();
        assertThat(q.getBoolean("hoursEnforced")).isFalse();
        assertThat(q.getString("nextOpening")).isNotNull();
    }
}
