package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;
import tw.queue.time.ManualClock;

/**
 * What the volunteer's tablet asks of the hub beyond taking numbers: finding a waiting number to cancel for
 * someone who left, and sending a slip to the kiosk printer beside them (the kiosk's side of the job too).
 */
class VolunteerTabletApiTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final ManualClock clock = demo.clock();
    private final HubClient hub = demo.client();

    private HubClient.Response get(String path, String token) {
        return hub.send(hub.request(path, token).GET().build());
    }

    private JsonObject takeFor(String volunteer, String service, String priority) {
        HubClient.Response r = hub.postJson("/api/tickets", volunteer,
                new JsonObject().put("service", service).put("priority", priority));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private void kioskReports(String kiosk, String printer) {
        assertThat(hub.post("/api/devices/" + kiosk + "/health", kiosk,
                "{\"components\":{\"printer\":\"" + printer + "\",\"gpio\":\"ok\"}}").status()).isEqualTo(200);
    }

    private long seq() {
        return hub.queue().getLong("seq");
    }

    private static void refused(HubClient.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().getString("error")).isEqualTo(code);
        assertThat(r.json().getString("message")).isNotBlank();
    }

    @Test
    void aVolunteerFindsTheNumberOfSomeoneWhoLeftAndCancelsItButCannotActAtACounter() {
        String volunteer = hub.login("volunteer");
        JsonObject ticket = takeFor(volunteer, "transcript", "elderly");
        assertThat(ticket.getString("channel")).isEqualTo("volunteer");
        assertThat(ticket.getString("priority")).isEqualTo("elderly");
        int number = ticket.getInteger("number");

        HubClient.Response found = get("/api/tickets?number=" + number, volunteer);
        assertThat(found.status()).isEqualTo(200);
        JsonArray tickets = new JsonArray(found.body());
        assertThat(tickets).hasSize(1);
        assertThat(tickets.getJsonObject(0).getString("id")).isEqualTo(ticket.getString("id"));
        assertThat(tickets.getJsonObject(0).getString("status")).isEqualTo("waiting");
        assertThat(new JsonArray(get("/api/tickets?number=2999", volunteer).body())).as("no such number today").isEmpty();

        long before = seq();
        refused(get("/api/tickets?number=abc", volunteer), 400, "invalid-request");
        refused(get("/api/tickets", volunteer), 400, "missing-parameter");
        refused(get("/api/tickets?number=0", volunteer), 400, "invalid-request");
        refused(get("/api/tickets?number=" + number, null), 401, "unauthenticated");
        refused(get("/api/tickets?number=" + number, hub.login("clerk3")), 403, "role-forbidden");
        refused(get("/api/tickets?number=" + number, "demo-kiosk-1"), 403, "role-forbidden");
        // A volunteer helps in the lobby; counters are the clerks' (and the manager's).
        refused(hub.post("/api/counters/3/open", volunteer, null), 403, "role-forbidden");
        refused(hub.post("/api/counters/3/call-next", volunteer, null), 403, "role-forbidden");
        assertThat(seq()).as("nothing was logged").isEqualTo(before);

        HubClient.Response cancelled = hub.post("/api/tickets/" + ticket.getString("id") + "/cancel", volunteer, null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().getString("status")).isEqualTo("cancelled");
        long afterCancel = seq();
        refused(hub.post("/api/tickets/" + ticket.getString("id") + "/cancel", volunteer, null), 409, "ticket-not-waiting");

        // A number already at a counter is not the volunteer's to cancel.
        JsonObject called = takeFor(volunteer, "transcript", "none");
        hub.callNext(3, hub.openCounter(3));
        long atCounter = seq();
        refused(hub.post("/api/tickets/" + called.getString("id") + "/cancel", volunteer, null), 409, "ticket-not-waiting");
        assertThat(seq()).isEqualTo(atCounter).isGreaterThan(afterCancel);
    }

    @Test
    void aSlipSentToTheKioskBesideIsFetchedByThatKioskOnlyPrintedOnceAndNoTicketIdReachesThePublicStream()
            throws Exception {
        String volunteer = hub.login("volunteer");
        JsonObject ticket = takeFor(volunteer, "passport", "pregnant-or-infant");
        String id = ticket.getString("id");
        String printAt1 = "{\"kiosk\":\"demo-kiosk-1\"}";

        refused(hub.post("/api/tickets/" + id + "/print", volunteer, printAt1), 409, "kiosk-offline");
        kioskReports("demo-kiosk-1", "ok");
        kioskReports("demo-kiosk-2", "paper-out");
        JsonArray kiosks = new JsonArray(get("/api/kiosks", volunteer).body());
        assertThat(kiosks.stream().map(o -> (JsonObject) o).map(k -> k.getString("id") + ":" + k.getBoolean("canPrint")))
                .containsExactly("demo-kiosk-1:true", "demo-kiosk-2:false");

        long seq = seq();
        try (SseReader stream = new SseReader(hub.base(), seq)) {
            HubClient.Response asked = hub.post("/api/tickets/" + id + "/print", volunteer, printAt1);
            assertThat(asked.status()).as(asked.body()).isEqualTo(202);
            String job = asked.json().getString("job");
            assertThat(asked.json().getString("status")).isEqualTo("queued");
            assertThat(asked.json().getInteger("number")).isEqualTo(ticket.getInteger("number"));
            SseReader.Message requested = stream.next("print.requested");
            assertThat(requested.data().getString("job")).isEqualTo(job);
            assertThat(requested.data().getString("kiosk")).isEqualTo("demo-kiosk-1");
            assertThat(requested.data().encode()).as("no ticket id, no staff name on the public stream")
                    .doesNotContain(id).doesNotContain("volunteer");

            long afterAsk = seq();
            HubClient.Response again = hub.post("/api/tickets/" + id + "/print", volunteer, printAt1);
            assertThat(again.status()).as("a second tap: the same job").isEqualTo(200);
            assertThat(again.json().getString("job")).isEqualTo(job);
            assertThat(seq()).isEqualTo(afterAsk);

            // The kiosk fetches its job with its own token; fetching is a read and can be repeated.
            for (int i = 0; i < 2; i++) {
                JsonArray jobs = new JsonArray(get("/api/devices/demo-kiosk-1/print-jobs", "demo-kiosk-1").body());
                assertThat(jobs).hasSize(1);
                assertThat(jobs.getJsonObject(0).getString("job")).isEqualTo(job);
                assertThat(jobs.getJsonObject(0).getJsonObject("ticket").getString("id")).isEqualTo(id);
                assertThat(jobs.getJsonObject(0).getJsonObject("ticket").getInteger("number"))
                        .isEqualTo(ticket.getInteger("number"));
                assertThat(jobs.getJsonObject(0).getJsonObject("ticket").getString("priority"))
                        .as("the slip needs no priority class: the kiosk learns only that the number has one")
                        .isEqualTo("priority");
            }
            assertThat(new JsonArray(get("/api/devices/demo-kiosk-2/print-jobs", "demo-kiosk-2").body())).isEmpty();

            long beforeBad = seq();
            refused(get("/api/devices/demo-kiosk-1/print-jobs", "demo-kiosk-2"), 403, "not-your-device");
            refused(get("/api/devices/demo-kiosk-1/print-jobs", null), 401, "unauthenticated");
            refused(get("/api/devices/demo-kiosk-1/print-jobs", volunteer), 403, "role-forbidden");
            String result = "/api/devices/demo-kiosk-1/print-jobs/" + job + "/result";
            refused(hub.post(result, "demo-kiosk-1", "{\"result\":\"done\"}"), 400, "invalid-request");
            refused(hub.post(result, "demo-kiosk-1", "{}"), 400, "invalid-request");
            refused(hub.post(result, "demo-kiosk-1", "{\"result\":"), 400, "malformed-json");
            refused(hub.post(result, null, "{\"result\":\"printed\"}"), 401, "unauthenticated");
            refused(hub.post(result, volunteer, "{\"result\":\"printed\"}"), 403, "role-forbidden");
            refused(hub.post("/api/devices/demo-kiosk-2/print-jobs/" + job + "/result", "demo-kiosk-2",
                    "{\"result\":\"printed\"}"), 403, "not-your-print-job");
            refused(hub.post("/api/devices/demo-kiosk-1/print-jobs/p-0000000000000000/result", "demo-kiosk-1",
                    "{\"result\":\"printed\"}"), 404, "unknown-print-job");
            refused(hub.post("/api/devices/demo-kiosk-1/print-jobs/not-a-job/result", "demo-kiosk-1",
                    "{\"result\":\"printed\"}"), 400, "invalid-request");
            assertThat(seq()).as("nothing was logged").isEqualTo(beforeBad);

            HubClient.Response printed = hub.post(result, "demo-kiosk-1", "{\"result\":\"printed\"}");
            assertThat(printed.status()).isEqualTo(200);
            assertThat(printed.json().getString("status")).isEqualTo("printed");
            SseReader.Message finished = stream.next("print.finished");
            assertThat(finished.data().getString("job")).isEqualTo(job);
            assertThat(finished.data().getString("result")).isEqualTo("printed");
            long afterPrint = seq();
            assertThat(hub.post(result, "demo-kiosk-1", "{\"result\":\"printed\"}").status())
                    .as("the kiosk's retry after an answer lost on the Wi-Fi").isEqualTo(200);
            refused(hub.post(result, "demo-kiosk-1", "{\"result\":\"failed\",\"reason\":\"paper-out\"}"), 409,
                    "print-job-finished");
            assertThat(seq()).isEqualTo(afterPrint);
            assertThat(new JsonArray(get("/api/devices/demo-kiosk-1/print-jobs", "demo-kiosk-1").body()))
                    .as("printed once: no longer offered").isEmpty();
            assertThat(get("/api/print-jobs/" + job, volunteer).json().getString("status")).isEqualTo("printed");
        }
    }

    @Test
    void aSlipForAKioskThatCannotPrintOrDoesNotExistIsRefusedAndAJobNoKioskTookExpires() {
        String volunteer = hub.login("volunteer");
        String id = takeFor(volunteer, "seal", "disability").getString("id");
        kioskReports("demo-kiosk-1", "ok");
        kioskReports("demo-kiosk-2", "cover-open");
        long before = seq();
        refused(hub.post("/api/tickets/" + id + "/print", volunteer, "{\"kiosk\":\"demo-kiosk-2\"}"), 409,
                "kiosk-cannot-print");
        refused(hub.post("/api/tickets/" + id + "/print", volunteer, "{\"kiosk\":\"demo-board-1\"}"), 404, "unknown-kiosk");
        refused(hub.post("/api/tickets/" + id + "/print", volunteer, "{\"kiosk\":\"kiosk-9\"}"), 404, "unknown-kiosk");
        refused(hub.post("/api/tickets/" + id + "/print", volunteer, "{}"), 400, "invalid-request");
        refused(hub.post("/api/tickets/" + id + "/print", volunteer, "{\"kiosk\":\"demo-kiosk-1\",\"copies\":2}"), 400,
                "invalid-request");
        refused(hub.post("/api/tickets/NoSuchTicket123/print", volunteer, "{\"kiosk\":\"demo-kiosk-1\"}"), 404,
                "unknown-ticket");
        refused(hub.post("/api/tickets/" + id + "/print", null, "{\"kiosk\":\"demo-kiosk-1\"}"), 401, "unauthenticated");
        refused(hub.post("/api/tickets/" + id + "/print", hub.login("clerk4"), "{\"kiosk\":\"demo-kiosk-1\"}"), 403,
                "role-forbidden");
        refused(hub.post("/api/tickets/" + id + "/print", "demo-kiosk-1", "{\"kiosk\":\"demo-kiosk-1\"}"), 403,
                "role-forbidden");
        refused(get("/api/kiosks", hub.login("clerk4")), 403, "role-forbidden");
        refused(get("/api/print-jobs/p-0000000000000000", volunteer), 404, "unknown-print-job");
        assertThat(seq()).as("nothing was logged").isEqualTo(before);

        String job = hub.post("/api/tickets/" + id + "/print", hub.login("manager"), "{\"kiosk\":\"demo-kiosk-1\"}")
                .json().getString("job");
        clock.advance(Duration.ofMinutes(2));
        kioskReports("demo-kiosk-1", "ok"); // still online, but too late for the slip to be of use
        assertThat(new JsonArray(get("/api/devices/demo-kiosk-1/print-jobs", "demo-kiosk-1").body())).isEmpty();
        assertThat(get("/api/print-jobs/" + job, volunteer).json().getString("status")).isEqualTo("expired");
    }

    @Test
    void aSlipAskedForJustBeforeTheHubRestartsIsStillThereForTheKioskAfterwards() {
        String volunteer = hub.login("volunteer");
        JsonObject ticket = takeFor(volunteer, "transcript", "elderly");
        kioskReports("demo-kiosk-1", "ok");
        String job = hub.post("/api/tickets/" + ticket.getString("id") + "/print", volunteer,
                "{\"kiosk\":\"demo-kiosk-1\"}").json().getString("job");

        demo.server().restart();

        JsonArray jobs = new JsonArray(get("/api/devices/demo-kiosk-1/print-jobs", "demo-kiosk-1").body());
        assertThat(jobs).hasSize(1);
        assertThat(jobs.getJsonObject(0).getString("job")).isEqualTo(job);
        assertThat(jobs.getJsonObject(0).getJsonObject("ticket").getInteger("number")).isEqualTo(ticket.getInteger("number"));
        assertThat(hub.post("/api/devices/demo-kiosk-1/print-jobs/" + job + "/result", "demo-kiosk-1",
                "{\"result\":\"printed\"}").json().getString("status")).isEqualTo("printed");
    }
}
