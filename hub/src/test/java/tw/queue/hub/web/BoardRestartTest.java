package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.TestHub;
import tw.queue.hub.testing.HubClient;

/** The lobby TV runs unattended: when the hub restarts, the board says so, reconnects and misses nothing. */
class BoardRestartTest {
    @TempDir
    Path data;

    @Test
    void theBoardKeepsGoingThroughAHubRestart() {
        try (TestHub hub = TestHub.demo(data); Browser board = Browser.withSound(Browser.Screen.BOARD)) {
            board.go(hub.url("/board"));
            board.waitForShown("#waiting tr[data-service=transcript]");
            HubClient calls = hub.client();
            calls.issue("transcript");
            calls.issue("transcript");
            String clerk = calls.openCounter(3);
            calls.callNext(3, clerk);
            board.waitForText("#now-number", "2001");

            hub.stop();
            board.waitFor(Duration.ofSeconds(5), "the reconnecting banner", d -> board.find("#conn").isDisplayed());
            assertThat(board.find("#conn").getText()).contains("重新連線中").contains("Reconnecting");
            board.screenshot("board-reconnecting");
            assertThat(board.find("#now-number").getText()).as("the last call stays on screen").isEqualTo("2001");

            // Back on the same port and data; the next call is made at once, usually before the board has
            // reconnected (then it arrives through the replay after Last-Event-ID), else live: either way it shows.
            hub.startAgain();
            calls.finish(3, clerk);
            calls.callNext(3, clerk);
            board.waitFor(Duration.ofSeconds(15), "the board back, showing 2002 at counter 3", d -> board.js(
                    "const now = document.getElementById('now');"
                            + "return document.getElementById('conn').hidden"
                            + " && now.dataset.number === '2002' && now.dataset.counter === '3';"));
            assertThat(board.find("#recent").getText()).contains("2001");
        }
    }
}
