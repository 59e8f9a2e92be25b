package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/** What a citizen's ticket says about its place: before counters open, and for an online appointment. */
class TicketPositionTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final HubClient hub = demo.client();

    @Test
    void beforeAnyCounterOpensTheThirdCitizenIsToldTwoAreAheadAndWhenTheOfficeOpens() {
        // 07:30 on the Tuesday: the doors are open, the counters open at 08:00.
        demo.clock().setSeconds(-5400);
        hub.issue("transcript");
        demo.clock().setSeconds(-5340);
        hub.issue("transcript");
        demo.clock().setSeconds(-5280);
        JsonObject third = hub.issue("transcript");
        assertThat(third.getInteger("ahead")).as("POST /api/tickets").isEqualTo(2);
        assertThat(third.getValue("estimatedWaitSeconds")).isNull();
        assertThat(third.getString("opensAt")).isEqualTo("2026-12-01T00:00:00Z");

        JsonObject read = hub.get("/api/tickets/" + third.getString("id")).json();
        assertThat(read.getInteger("ahead")).as("GET /api/tickets/{id}").isEqualTo(2);
        assertThat(read.getValue("estimatedWaitSeconds")).isNull();
        assertThat(read.getString("opensAt")).isEqualTo("2026-12-01T00:00:00Z");
    }

    @Test
    void inOfficeHoursWithNoCounterOpenYetTheTicketStillCountsThoseBeforeIt() {
        hub.issue("registration");
        JsonObject second = hub.issue("registration");
        assertThat(second.getInteger("ahead")).isEqualTo(1);
        JsonObject read = hub.get("/api/tickets/" + second.getString("id")).json();
        assertThat(read.getInteger("ahead")).isEqualTo(1);
        assertThat(read.getValue("estimatedWaitSeconds")).isNull();
        assertThat(read.getValue("opensAt")).as("in hours: no time to promise").isNull();

        // A counter opens: the place does not grow, and an estimate appears.
        hub.openCounter(8);
        JsonObject open = hub.get("/api/tickets/" + second.getString("id")).json();
        assertThat(open.getInteger("ahead")).isEqualTo(1);
        assertThat(open.getLong("estimatedWaitSeconds")).isPositive();
        assertThat(open.getString("calledAround")).isNotNull();
    }

    @Test
    void anOnlineAppointmentCheckedInSevenMinutesEarlyIsToldItIsCalledAtItsBookedTime() {
        String clerk8 = hub.openCounter(8);
        for (int i = 0; i < 6; i++) {
            hub.issue("registration");
        }
        hub.callNext(8, clerk8);
        Instant booked = HubPerTest.TUESDAY_NINE_AM.plusSeconds(7 * 60);
        String manager = hub.login("manager");
        JsonObject body = new JsonObject().put("appointments", new JsonArray().add(new JsonObject()
                .put("code", "SEVEN1").put("service", "registration").put("at", booked.toString())));
        assertThat(hub.post("/api/appointments", manager, body.encode()).status()).isEqualTo(200);

        HubClient.Response r = hub.post("/api/appointments/check-in", "demo-kiosk-1", "{\"code\":\"SEVEN1\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonObject t = r.json();
        assertThat(t.getString("calledAround")).isEqualTo(booked.toString());
        assertThat(t.getLong("estimatedWaitSeconds")).isEqualTo(420L);
        assertThat(t.getInteger("ahead")).as("no appointment booked before it").isZero();

        demo.clock().setSeconds(120);
        JsonObject read = hub.get("/api/tickets/" + t.getString("id")).json();
        assertThat(read.getString("calledAround")).isEqualTo(booked.toString());
        assertThat(read.getLong("estimatedWaitSeconds")).isEqualTo(300L);
        assertThat(read.getInteger("ahead")).isZero();
    }
}
