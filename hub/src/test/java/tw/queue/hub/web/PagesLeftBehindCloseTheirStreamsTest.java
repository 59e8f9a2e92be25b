package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.config.CounterRules;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * A page left for another may stay in the browser's back/forward cache. Chromium keeps such a page's event
 * stream open, and a browser allows six connections per host: a clerk going from page to page found every
 * seventh page waiting about a minute for a connection (seen in our browser tests). Every page closes its stream
 * when it is hidden and opens it again when it is shown from that cache. Counted from the hub's side, in
 * {@code /health}: the board's stream and the phone's ticket stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesLeftBehindCloseTheirStreamsTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    @TempDir
    static Path data;
    private TestHub hub;
    private HubClient api;
    private Browser browser;

    @BeforeAll
    void start() {
        Browser.requireInstalled();
        hub = TestHub.demo(data, CounterRules.NONE);
        api = hub.client();
        browser = Browser.open(Browser.Screen.PHONE);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aPageLeftForAnotherClosesItsStreamAndOpensItAgainWhenShownFromTheCache() throws Exception {
        String ticket = api.issue("transcript").getString("id");
        browser.go(hub.url("/board"));
        awaitHealth("the board's stream open", h -> h.getInteger("streamClients") == 1);

        browser.go(hub.url("/t/" + ticket));
        awaitHealth("the board left: its stream closed; the phone's open",
                h -> h.getInteger("streamClients") == 0 && h.getInteger("ticketFollowers") == 1);

        browser.go(hub.url("/"));
        awaitHealth("the phone page left: its stream closed", h -> h.getInteger("ticketFollowers") == 0);

        browser.js("history.back();");
        awaitHealth("the phone page back (from the cache or anew): its stream open again",
                h -> h.getInteger("ticketFollowers") == 1);
        browser.js("history.back();");
        awaitHealth("the board back: its stream open again, the phone's closed",
                h -> h.getInteger("streamClients") == 1 && h.getInteger("ticketFollowers") == 0);
    }

    private void awaitHealth(String what, Predicate<JsonObject> holds) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        JsonObject h = api.get("/health").json();
        while (!holds.test(h)) {
            assertThat(System.nanoTime() - deadline).as(what + " within " + LIMIT + "; /health says " + h).isNegative();
            Thread.sleep(50);
            h = api.get("/health").json();
        }
    }
}
