package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * A citizen's phone follows only its own ticket ({@code GET /api/tickets/{id}/events}), and a board beside
 * some counters follows only theirs ({@code /api/events?counters=} or {@code ?area=}). One hub for the class.
 */
class TicketStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Path data;
    private static TestHub hub;
    private static HubClient client;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("hub-ticket-stream");
        hub = TestHub.demo(data);
        client = hub.client();
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void thePhoneOfTheThirdInLineHearsItsPlaceShrinkAndItsCallAndNoOtherNumber() throws Exception {
        JsonObject first = client.issue("house-number");
        JsonObject second = client.issue("house-number");
        JsonObject third = client.issue("house-number");
        int mine = third.getInteger("number");
        List<Integer> others = List.of(first.getInteger("number"), second.getInteger("number"));
        // the phone opens the page, then a stranger's ticket comes in behind it (no change for the phone)
        try (SseReader phone = new SseReader(URI.create(hub.url("/api/tickets/" + third.getString("id") + "/events")),
                null)) {
            List<JsonObject> told = new ArrayList<>();
            told.add(next(phone));
            assertThat(told.get(0).getInteger("ahead")).isEqualTo(2);
            client.issue("nationality");

            String clerk = client.openCounter(19); // house numbering first
            assertThat(client.callNext(19, clerk).getInteger("number")).isEqualTo(others.get(0));
            told.add(untilAhead(phone, 1));
            client.finish(19, clerk);
            assertThat(client.callNext(19, clerk).getInteger("number")).isEqualTo(others.get(1));
            told.add(untilAhead(phone, 0));
            client.finish(19, clerk);
            assertThat(client.callNext(19, clerk).getInteger("number")).isEqualTo(mine);
            JsonObject called = next(phone);
            while (!"called".equals(called.getString("status"))) {
                told.add(called);
                called = next(phone);
            }
            told.add(called);
            assertThat(called.getInteger("counter")).isEqualTo(19);

            for (JsonObject m : told) {
                assertThat(m.getInteger("number")).isEqualTo(mine);
                assertThat(m.getString("id")).isEqualTo(third.getString("id"));
                for (int other : others) {
                    assertThat(m.encode()).as("no other ticket's number").doesNotContain(":" + other + ",")
                            .doesNotContain(":" + other + "}");
                }
            }
            assertThat(told).extracting(m -> m.getString("status")).containsOnly("waiting", "called");
        }
    }

    @Test
    void aTicketNobodyHoldsHasNoStream() {
        HubClient.Response r = client.get("/api/tickets/no-such-ticket-id/events");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.error()).isEqualTo("unknown-ticket");
    }

    @Test
    void theBoardOfAreaDHearsItsOwnCountersCallsButNotAreaAs() throws Exception {
        String clerk2 = client.openCounter(2);   // area A
        String clerk22 = client.openCounter(22); // area D
        long from = client.queue().getLong("seq");
        try (SseReader boardD = new SseReader(URI.create(hub.url("/api/events?area=D")), from);
             SseReader boardOf2 = new SseReader(URI.create(hub.url("/api/events?counters=2")), from)) {
            client.issue("seal");
            client.issue("seal");
            int atTwo = client.callNext(2, clerk2).getInteger("number");
            int atTwentyTwo = client.callNext(22, clerk22).getInteger("number");
            SseReader.Message d = boardD.next("ticket.called");
            assertThat(d.data().getInteger("counter")).isEqualTo(22);
            assertThat(d.data().getInteger("number")).isEqualTo(atTwentyTwo);
            SseReader.Message two = boardOf2.next("ticket.called");
            assertThat(two.data().getInteger("counter")).isEqualTo(2);
            assertThat(two.data().getInteger("number")).isEqualTo(atTwo);
            // what names no counter still comes: the next number issued
            int later = client.issue("seal").getInteger("number");
            assertThat(boardD.next("ticket.issued").data().getInteger("number")).isEqualTo(later);
        }
        assertThat(client.get("/api/events?area=Z").error()).isEqualTo("unknown-area");
        assertThat(client.get("/api/events?counters=two").status()).isEqualTo(400);
    }

    private static JsonObject next(SseReader phone) throws InterruptedException {
        SseReader.Message m = phone.next(WAIT);
        assertThat(m).as("a message on the ticket's stream within " + WAIT).isNotNull();
        assertThat(m.event()).isEqualTo("ticket.status");
        return m.data();
    }

    /** Messages until one says {@code ahead} people are ahead (the estimate may change on the way). */
    private static JsonObject untilAhead(SseReader phone, int ahead) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            JsonObject m = next(phone);
            if (m.getInteger("ahead") == ahead) {
                return m;
            }
        }
        throw new AssertionError("never told " + ahead + " ahead");
    }
}
