package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/** The manager opens, pauses and closes any counter, for a back-line reviewer too; mistakes change nothing. */
class ManagerCounterActionsTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demo();
    private final HubClient hub = demo.client();
    private String manager;

    @BeforeEach
    void signIn() {
        manager = hub.login("manager");
    }

    private HubClient.Response open(int n, String token, String body) {
        return hub.post("/api/counters/" + n + "/open", token, body);
    }

    private String status(int n) {
        return hub.queue().getJsonArray("counters").stream().map(o -> (JsonObject) o)
                .filter(c -> c.getInteger("number") == n).findFirst().orElseThrow().getString("status");
    }

    private Integer counterOf(String username) {
        HubClient.Response staff = hub.send(hub.request("/api/staff", manager).GET().build());
        assertThat(staff.status()).isEqualTo(200);
        return staff.body().isEmpty() ? null : new io.vertx.core.json.JsonArray(staff.body()).stream()
                .map(o -> (JsonObject) o).filter(a -> a.getString("username").equals(username))
                .findFirst().orElseThrow().getInteger("counter");
    }

    private long seq() {
        return hub.get("/health").json().getLong("seq");
    }

    @Test
    void theManagerOpensACounterForABackLineReviewerThenPausesAndClosesIt() {
        HubClient.Response opened = open(21, manager, "{\"clerk\":\"clerk21\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        assertThat(opened.json().getString("status")).isEqualTo("open");
        assertThat(counterOf("clerk21")).isEqualTo(21);
        // The reviewer's own token now acts there: the counter is theirs.
        hub.issue("passport");
        assertThat(hub.post("/api/counters/21/call-next", hub.login("clerk21"), null).status()).isEqualTo(200);

        assertThat(hub.post("/api/counters/21/pause", manager, null).json().getString("status")).isEqualTo("paused");
        assertThat(open(21, manager, null).json().getString("status")).as("resumed for clerk21").isEqualTo("open");
        assertThat(counterOf("clerk21")).isEqualTo(21);
        assertThat(hub.post("/api/counters/21/close", manager, null).json().getString("status")).isEqualTo("closed");
        assertThat(counterOf("clerk21")).isNull();

        // In the manager's own name, as before: one counter at a time.
        assertThat(open(22, manager, null).status()).isEqualTo(200);
        assertThat(counterOf("manager")).isEqualTo(22);
        assertThat(open(23, manager, "{\"clerk\":\"clerk23\"}").status()).isEqualTo(200);
    }

    @Test
    void aManagersMistakenCounterActionIsRefusedAndChangesNothing() {
        assertThat(open(5, manager, "{\"clerk\":\"clerk5\"}").status()).isEqualTo(200);
        long before = seq();

        HubClient.Response elsewhere = open(6, manager, "{\"clerk\":\"clerk5\"}");
        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.error()).isEqualTo("clerk-signed-in-elsewhere");
        HubClient.Response taken = open(5, manager, "{\"clerk\":\"clerk6\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.error()).isEqualTo("counter-taken");
        HubClient.Response nobody = open(7, manager, "{\"clerk\":\"clerk99\"}");
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.error()).isEqualTo("unknown-clerk");
        assertThat(open(7, manager, "{\"clerk\":\"volunteer\"}").error()).as("not a clerk").isEqualTo("unknown-clerk");
        assertThat(open(7, manager, "{\"clerk\":\"\"}").status()).isEqualTo(400);
        assertThat(open(7, manager, "{\"clerk\":\"clerk7\",\"force\":true}").status()).isEqualTo(400);
        assertThat(open(7, manager, "{\"clerk\":").error()).isEqualTo("malformed-json");
        assertThat(open(99, manager, "{\"clerk\":\"clerk7\"}").status()).isEqualTo(404);
        assertThat(hub.post("/api/counters/7/pause", manager, null).error()).isEqualTo("counter-closed");
        assertThat(hub.post("/api/counters/0/close", manager, null).status()).isIn(400, 404);
        // A clerk opens only in their own name; a volunteer not at all; nobody without a token.
        assertThat(open(8, hub.login("clerk8"), "{\"clerk\":\"clerk9\"}").status()).isEqualTo(403);
        assertThat(open(8, hub.login("volunteer"), null).status()).isEqualTo(403);
        assertThat(hub.post("/api/counters/5/close", null, null).status()).isEqualTo(401);
        assertThat(hub.send(hub.request("/api/staff", hub.login("clerk8")).GET().build()).status()).isEqualTo(403);
        assertThat(hub.get("/api/staff").status()).isEqualTo(401);

        assertThat(seq()).as("nothing logged").isEqualTo(before);
        assertThat(status(5)).isEqualTo("open");
        assertThat(status(6)).isEqualTo("closed");
        assertThat(status(7)).isEqualTo("closed");
        assertThat(status(8)).isEqualTo("closed");
        assertThat(counterOf("clerk5")).isEqualTo(5);
    }
}
