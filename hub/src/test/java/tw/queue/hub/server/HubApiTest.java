package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;
import tw.queue.hub.testing.TestHub;

/** The hub as the office meets it: a real server on a loopback port, a real SQLite file, real HTTP. */
class HubApiTest {

    @RegisterExtension
    final HubPerTest demo = HubPerTest.demo();
    private HubClient hub;

    @BeforeEach
    void start() {
        hub = demo.client();
    }

    @Test
    void aCitizenTakesANumberAndAClerkCallsAndServesIt() {
        JsonObject ticket = hub.issue("transcript");
        assertThat(ticket.getString("id")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(ticket.getInteger("number")).isEqualTo(2001);
        assertThat(ticket.getString("status")).isEqualTo("waiting");
        assertThat(ticket.getInteger("ahead")).isZero();
        assertThat(ticket.containsKey("estimatedWaitSeconds")).isTrue();

        String clerk = hub.login("clerk5");
        HubClient.Response opened = hub.post("/api/counters/5/open", clerk, null);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().getString("status")).isEqualTo("open");

        HubClient.Response called = hub.post("/api/counters/5/call-next", clerk, null);
        assertThat(called.status()).isEqualTo(200);
        assertThat(called.json().getJsonObject("ticket").getString("id")).isEqualTo(ticket.getString("id"));

        JsonObject live = hub.get("/api/tickets/" + ticket.getString("id")).json();
        assertThat(live.getString("status")).isEqualTo("called");
        assertThat(live.getInteger("counter")).isEqualTo(5);
        JsonObject counter5 = hub.queue().getJsonArray("counters").getJsonObject(4);
        assertThat(counter5.getJsonObject("current").getInteger("number")).isEqualTo(2001);

        assertThat(hub.post("/api/counters/5/recall", clerk, null).status()).isEqualTo(200);
        assertThat(hub.post("/api/counters/5/finish", clerk, null).status()).isEqualTo(200);
        JsonObject served = hub.get("/api/tickets/" + ticket.getString("id")).json();
        assertThat(served.getString("status")).isEqualTo("served");
        assertThat(served.getInteger("recalls")).isEqualTo(1);
        assertThat(served.getString("finishedAt")).isNotNull();

        assertThat(hub.post("/api/counters/5/call-next", clerk, null).status()).isEqualTo(204);
    }

    @Test
    void peopleAheadAndAnEstimateAreToldAtIssue() {
        String clerk = hub.login("clerk1");
        hub.post("/api/counters/1/open", clerk, null);
        hub.issue("transcript");
        hub.issue("transcript");
        JsonObject third = hub.issue("transcript");
        assertThat(third.getInteger("ahead")).isEqualTo(2);
        assertThat(third.getLong("estimatedWaitSeconds")).isPositive();
        hub.post("/api/counters/1/call-next", clerk, null);
        assertThat(hub.get("/api/tickets/" + third.getString("id")).json().getInteger("ahead")).isEqualTo(1);
    }

    @Test
    void aVolunteerGivesPriorityNumbersAndAPanelCallsForItsClerk() {
        String volunteer = hub.login("volunteer");
        hub.issue("passport");
        HubClient.Response elderly = hub.post("/api/tickets", volunteer,
                "{\"service\":\"passport\",\"priority\":\"elderly\"}");
        assertThat(elderly.status()).isEqualTo(201);
        assertThat(elderly.json().getString("channel")).isEqualTo("volunteer");

        hub.post("/api/counters/15/open", hub.login("clerk15"), null);
        HubClient.Response called = hub.post("/api/counters/15/call-next", "demo-panel-15", null);
        assertThat(called.status()).isEqualTo(200);
        assertThat(called.json().getJsonObject("ticket").getString("priority")).isEqualTo("elderly");
    }

    @Test
    void transferKeepsTheNumber() {
        String clerk = hub.login("clerk1");
        hub.post("/api/counters/1/open", clerk, null);
        JsonObject t = hub.issue("transcript");
        hub.post("/api/counters/1/call-next", clerk, null);
        HubClient.Response moved = hub.post("/api/counters/1/transfer", clerk, "{\"service\":\"seal\"}");
        assertThat(moved.status()).isEqualTo(200);
        JsonObject after = hub.get("/api/tickets/" + t.getString("id")).json();
        assertThat(after.getString("service")).isEqualTo("seal");
        assertThat(after.getString("status")).isEqualTo("waiting");
        assertThat(after.getInteger("number")).isEqualTo(t.getInteger("number"));
    }

    static Stream<Arguments> badRequests() {
        String big = "{\"service\":\"" + "x".repeat(100_000) + "\"}";
        return Stream.of(
                kioskTicket("malformed JSON", "{\"service\":", 400, "malformed-json"),
                kioskTicket("unknown service", "{\"service\":\"pasport\"}", 400, "unknown-service"),
                kioskTicket("unknown priority", "{\"service\":\"transcript\",\"priority\":\"vip\"}", 400, "invalid-request"),
                kioskTicket("extra field", "{\"service\":\"transcript\",\"name\":\"Chen\"}", 400, "invalid-request"),
                kioskTicket("no service", "{}", 400, "invalid-request"),
                kioskTicket("wrong type", "{\"service\":42}", 400, "invalid-request"),
                kioskTicket("no body", null, 400, "missing-body"),
                kioskTicket("body too large", big, 413, "body-too-large"),
                transcriptTicket("missing token", null, 401, "unauthenticated"),
                transcriptTicket("forged token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYW5hZ2VyIn0.bad", 401, "invalid-token"),
                transcriptTicket("unknown device token", "not-a-device", 401, "invalid-token"),
                transcriptTicket("board issuing a ticket", "demo-board-1", 403, "role-forbidden"),
                transcriptTicket("clerk issuing a ticket", "@clerk5", 403, "role-forbidden"),
                Arguments.of("counter 99", "POST", "/api/counters/99/call-next", "@clerk5", null, 404, "unknown-counter"),
                Arguments.of("counter 0", "POST", "/api/counters/0/call-next", "@clerk5", null, 400, "invalid-request"),
                Arguments.of("counter not a number", "POST", "/api/counters/five/call-next", "@clerk5", null, 400, "invalid-request"),
                Arguments.of("clerk at another counter", "POST", "/api/counters/6/call-next", "@clerk5", null, 403, "not-your-counter"),
                Arguments.of("clerk opening a taken counter", "POST", "/api/counters/5/open", "@clerk6", null, 409, "counter-taken"),
                Arguments.of("clerk opening a second counter", "POST", "/api/counters/6/open", "@clerk5", null, 409, "signed-in-elsewhere"),
                Arguments.of("panel at another counter", "POST", "/api/counters/6/call-next", "demo-panel-5", null, 403, "not-your-counter"),
                Arguments.of("panel opening its counter", "POST", "/api/counters/5/open", "demo-panel-5", null, 403, "role-forbidden"),
                Arguments.of("kiosk calling next", "POST", "/api/counters/5/call-next", "demo-kiosk-1", null, 403, "role-forbidden"),
                Arguments.of("call-next at a closed counter", "POST", "/api/counters/7/call-next", "@manager", null, 409, "counter-closed"),
                Arguments.of("transfer to unknown service", "POST", "/api/counters/5/transfer", "@clerk5", "{\"service\":\"nope\"}", 400, "unknown-service"),
                Arguments.of("finish with no one served", "POST", "/api/counters/5/finish", "@clerk5", null, 409, "no-current-ticket"),
                Arguments.of("volunteer closing the day", "POST", "/api/day/close", "@volunteer", null, 403, "role-forbidden"),
                Arguments.of("cancel unknown ticket", "POST", "/api/tickets/AAAAAAAAAAAAAAAAAAAAAA/cancel", "@volunteer", null, 404, "unknown-ticket"),
                Arguments.of("wrong password", "POST", "/api/login", null, "{\"username\":\"clerk5\",\"password\":\"guess\"}", 401, "bad-credentials"),
                Arguments.of("unknown user", "POST", "/api/login", null, "{\"username\":\"mallory\",\"password\":\"demo\"}", 401, "bad-credentials"),
                Arguments.of("unknown ticket", "GET", "/api/tickets/AAAAAAAAAAAAAAAAAAAAAA", null, null, 404, "unknown-ticket"),
                Arguments.of("bad Last-Event-ID", "GET", "/api/events", null, null, 400, "invalid-request"),
                Arguments.of("unknown path", "GET", "/api/nothing", null, null, 404, "not-found"));
    }

    /** A bad ticket request from the demo kiosk. */
    private static Arguments kioskTicket(String what, String body, int status, String code) {
        return Arguments.of(what, "POST", "/api/tickets", "demo-kiosk-1", body, status, code);
    }

    /** A transcript ticket asked for with the wrong token or by the wrong role. */
    private static Arguments transcriptTicket(String what, String token, int status, String code) {
        return Arguments.of(what, "POST", "/api/tickets", token, "{\"service\":\"transcript\"}", status, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputGetsAClearErrorAndChangesNothing(String what, String method, String path, String token, String body,
                                                   int status, String code) {
        String clerk5 = hub.login("clerk5");
        hub.post("/api/counters/5/open", clerk5, null);
        hub.issue("transcript");
        JsonObject before = hub.queue();

        String bearer = token != null && token.startsWith("@") ? hub.login(token.substring(1)) : token;
        HttpRequest.Builder request = hub.request(path, bearer);
        if (path.equals("/api/events")) {
            request.header("Last-Event-ID", "yesterday");
        }
        if (method.equals("GET")) {
            request.GET();
        } else if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HubClient.Response r = hub.send(request.build());

        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.error()).isEqualTo(code);
        assertThat(r.json().getString("message")).isNotBlank().doesNotContain("Exception");
        assertThat(hub.queue()).isEqualTo(before);
    }

    @Test
    void errorsSpeakTheCallersLanguage() {
        HubClient.Response r = hub.send(hub.request("/api/counters/6/call-next", "demo-panel-5")
                .header("Accept-Language", "zh-TW,zh;q=0.9").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().getString("message")).contains("櫃檯");
    }

    @Test
    void twoCountersPressingCallNextAtOnceNeverGetTheSameTicket() throws Exception {
        int counters = 6;
        List<String> clerks = new ArrayList<>();
        for (int n = 1; n <= counters; n++) {
            String token = hub.login("clerk" + n);
            clerks.add(token);
            assertThat(hub.post("/api/counters/" + n + "/open", token, null).status()).isEqualTo(200);
        }
        Set<String> calledEver = new HashSet<>();
        for (int round = 0; round < 40; round++) {
            // Fewer tickets than counters in half the rounds, so some presses must find nothing.
            int tickets = round % 2 == 0 ? counters : counters / 2;
            for (int i = 0; i < tickets; i++) {
                hub.issue("transcript");
            }
            // Each clerk finishes the citizen served in the last round (call-next would refuse within the guard).
            for (int n = 1; n <= counters; n++) {
                assertThat(hub.post("/api/counters/" + n + "/finish", clerks.get(n - 1), null).status()).isIn(200, 409);
            }
            List<CompletableFuture<HubClient.Response>> presses = new ArrayList<>();
            for (int n = 1; n <= counters; n++) {
                presses.add(hub.postAsync("/api/counters/" + n + "/call-next", clerks.get(n - 1), null));
            }
            // The same counter pressed from its hardware panel too, at the same instant.
            presses.add(hub.postAsync("/api/counters/1/call-next", "demo-panel-1", null));
            List<String> calledNow = new ArrayList<>();
            for (CompletableFuture<HubClient.Response> p : presses) {
                HubClient.Response r = p.get();
                // The second of two presses at counter 1 is refused when the first called someone.
                if (r.status() == 409) {
                    assertThat(r.error()).isEqualTo("call-too-soon");
                    continue;
                }
                assertThat(r.status()).isIn(200, 204);
                if (r.status() == 200) {
                    calledNow.add(r.json().getJsonObject("ticket").getString("id"));
                }
            }
            assertThat(calledNow).doesNotHaveDuplicates().hasSize(tickets);
            for (String id : calledNow) {
                assertThat(calledEver.add(id)).as("ticket %s called twice", id).isTrue();
            }
        }
        try (SseReader all = new SseReader(hub.base(), 0L)) {
            long last = hub.queue().getLong("seq");
            List<String> calledNumbers = all.until(last, Duration.ofSeconds(10)).stream()
                    .filter(m -> m.event().equals("ticket.called"))
                    .map(m -> m.data().getString("service") + m.data().getInteger("number")).toList();
            assertThat(calledNumbers).hasSize(calledEver.size()).doesNotHaveDuplicates();
        }
    }

    @Test
    void aBoardThatDropsAndReconnectsMissesNothing() throws Exception {
        long start = hub.queue().getLong("seq");
        List<SseReader.Message> seen = new ArrayList<>();
        try (SseReader board = new SseReader(hub.base(), start)) {
            for (int i = 0; i < 5; i++) {
                hub.issue("transcript");
            }
            seen.addAll(board.until(start + 5, Duration.ofSeconds(10)));
        }
        // While the board is away the lobby goes on.
        String clerk = hub.login("clerk2");
        hub.post("/api/counters/2/open", clerk, null);
        for (int i = 0; i < 7; i++) {
            hub.issue("passport");
            hub.post("/api/counters/2/finish", clerk, null);
            hub.post("/api/counters/2/call-next", clerk, null);
        }
        long lastSeen = seen.get(seen.size() - 1).id();
        try (SseReader board = new SseReader(hub.base(), lastSeen)) {
            long now = hub.queue().getLong("seq");
            seen.addAll(board.until(now, Duration.ofSeconds(10)));
            hub.issue("seal");
            SseReader.Message live = board.next(Duration.ofSeconds(10));
            assertThat(live).isNotNull();
            assertThat(live.event()).isEqualTo("ticket.issued");
            assertThat(live.data().getString("service")).isEqualTo("seal");
            seen.add(live);
        }
        List<Long> ids = seen.stream().map(SseReader.Message::id).toList();
        List<Long> expected = new ArrayList<>();
        for (long s = start + 1; s <= ids.get(ids.size() - 1); s++) {
            expected.add(s);
        }
        assertThat(ids).containsExactlyElementsOf(expected);
    }

    @Test
    void theEventStreamCarriesNoTicketIdsOrStaffNames() throws Exception {
        long start = hub.queue().getLong("seq");
        String clerk = hub.login("clerk3");
        hub.post("/api/counters/3/open", clerk, null);
        JsonObject t = hub.issue("transcript");
        hub.post("/api/counters/3/call-next", clerk, null);
        try (SseReader s = new SseReader(hub.base(), start)) {
            List<SseReader.Message> messages = s.until(hub.queue().getLong("seq"), Duration.ofSeconds(10));
            assertThat(messages).extracting(SseReader.Message::event)
                    .contains("clerk.signed-in", "counter.opened", "ticket.issued", "ticket.called");
            for (SseReader.Message m : messages) {
                assertThat(m.data().encode()).doesNotContain(t.getString("id")).doesNotContain("clerk3");
                assertThat(m.data().getLong("seq")).isEqualTo(m.id());
            }
        }
    }

    @Test
    void aRestartedHubHasTheSameQueueAndGoesOnNumbering() {
        String clerk = hub.login("clerk4");
        hub.post("/api/counters/4/open", clerk, null);
        List<JsonObject> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tickets.add(hub.issue("transcript"));
        }
        hub.post("/api/counters/4/call-next", clerk, null);
        JsonObject before = hub.queue();

        demo.server().restart();

        // The same queue; the estimates only a little lower (what is left of the visit at counter 4 runs down).
        JsonObject after = hub.queue();
        for (int i = 0; i < before.getJsonArray("services").size(); i++) {
            Long was = before.getJsonArray("services").getJsonObject(i).getLong("estimatedWaitSeconds");
            Long now = after.getJsonArray("services").getJsonObject(i).getLong("estimatedWaitSeconds");
            if (was == null) {
                assertThat(now).isNull();
            } else {
                assertThat(now).isBetween(was - 30, was);
            }
            before.getJsonArray("services").getJsonObject(i).remove("estimatedWaitSeconds");
            after.getJsonArray("services").getJsonObject(i).remove("estimatedWaitSeconds");
        }
        assertThat(after).isEqualTo(before);
        for (JsonObject t : tickets) {
            assertThat(hub.get("/api/tickets/" + t.getString("id")).json().getInteger("number"))
                    .isEqualTo(t.getInteger("number"));
        }
        // The clerk's sign-in survives the restart too: the token is signed with a key kept in the data dir.
        assertThat(hub.post("/api/counters/4/finish", clerk, null).status()).isEqualTo(200);
        assertThat(hub.post("/api/counters/4/call-next", clerk, null).status()).isEqualTo(200);
        assertThat(hub.issue("transcript").getInteger("number")).isEqualTo(2006);
    }

    @Test
    void aClosedDayGivesNoNumbersUntilTheManagerReopensIt() {
        String manager = hub.login("manager");
        JsonObject waiting = hub.issue("transcript");
        assertThat(hub.post("/api/day/close", manager, null).json().getBoolean("dayOpen")).isFalse();
        assertThat(hub.get("/api/tickets/" + waiting.getString("id")).json().getString("status")).isEqualTo("not-served");
        HubClient.Response refused = hub.post("/api/tickets", "demo-kiosk-1", "{\"service\":\"transcript\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("day-closed");
        assertThat(hub.post("/api/day/open", manager, null).json().getBoolean("dayOpen")).isTrue();
        assertThat(hub.issue("transcript").getInteger("number")).isEqualTo(2002);
    }

    @Test
    void aManagerSeesTheDaysFiguresPerServiceAndPerClerk() {
        // About the figures, not the counter rules: an office without the double-press guard.
        hub = demo.replace(data -> TestHub.demo(data, tw.queue.config.CounterRules.NONE)).client();
        String clerk = hub.login("clerk7");
        hub.post("/api/counters/7/open", clerk, null);
        hub.issue("registration");
        hub.issue("registration");
        hub.issue("seal");
        hub.post("/api/counters/7/call-next", clerk, null);
        hub.post("/api/counters/7/call-next", clerk, null);
        hub.post("/api/counters/7/no-show", clerk, null);

        HubClient.Response r = hub.send(hub.request("/api/stats/day", hub.login("manager")).GET().build());
        assertThat(r.status()).isEqualTo(200);
        JsonObject stats = r.json();
        JsonObject overall = stats.getJsonObject("overall");
        assertThat(overall.getInteger("issued")).isEqualTo(3);
        assertThat(overall.getInteger("served")).isEqualTo(1);
        assertThat(overall.getInteger("noShow")).isEqualTo(1);
        assertThat(overall.getDouble("meanWaitSeconds")).isNotNull();
        assertThat(stats.getJsonArray("services")).extracting(o -> ((JsonObject) o).getString("key"))
                .containsExactly("registration", "seal");
        JsonObject clerk7 = stats.getJsonArray("clerks").getJsonObject(0);
        assertThat(clerk7.getString("clerk")).isEqualTo("clerk7");
        assertThat(clerk7.getInteger("called")).isEqualTo(2);
        assertThat(clerk7.getInteger("served")).isEqualTo(1);

        assertThat(hub.send(hub.request("/api/stats/day", clerk).GET().build()).status()).isEqualTo(403);
        assertThat(hub.send(hub.request("/api/stats/day?date=yesterday", hub.login("manager")).GET().build())
                .status()).isEqualTo(400);
    }

    @Test
    void theContractIsServed() {
        HubClient.Response r = hub.get("/api/openapi.yaml");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("openapi: 3.1.0").contains("/api/counters/{n}/call-next");
        assertThat(hub.get("/health").json().getString("status")).isEqualTo("ok");
        JsonObject office = hub.get("/api/office").json();
        assertThat(office.getJsonArray("counters")).hasSize(25);
        assertThat(office.getJsonArray("counters").getJsonObject(0).getJsonArray("services")).isNotEmpty();
    }
}
