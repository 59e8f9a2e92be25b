package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.TestHub;

/**
 * The lobby's screens come on before the hub does (a power cut, the hub PC slower to boot): a board and a kiosk
 * whose page is open while the hub does not answer say they are connecting, never a blank screen, and show
 * their page within 3 s of the hub starting. The page's own files are loaded first (the browser is told to let
 * no request reach /health or /api/ yet), then the hub really stops, and starts again on the same port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesStartBeforeTheHubTest {
    @TempDir
    static Path data;
    private TestHub hub;
    private Browser browser;

    @BeforeAll
    void start() {
        Browser.requireInstalled();
        hub = TestHub.demo(data);
        browser = Browser.open(Browser.Screen.BOARD);
        browser.driver.executeCdpCommand("Network.enable", Map.of());
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
    void aBoardSwitchedOnBeforeTheHubShowsTheLobbyWithinThreeSecondsOfTheHubStarting() {
        long ms = openBeforeTheHub("/board?pace=0.05", "請稍候", "#board");
        System.out.println("board: shown " + ms + " ms after the hub started");
        assertThat(ms).as("ms from the hub starting to the board shown").isLessThan(3000);
    }

    @Test
    void aKioskSwitchedOnBeforeTheHubOffersItsServicesWithinThreeSecondsOfTheHubStarting() {
        long ms = openBeforeTheHub("/kiosk", "請稍候", "#start .service");
        System.out.println("kiosk: shown " + ms + " ms after the hub started");
        assertThat(ms).as("ms from the hub starting to the kiosk's services shown").isLessThan(3000);
    }

    /** Opens the page with the hub not answering, then starts the hub; the ms from its start to {@code shown}. */
    private long openBeforeTheHub(String path, String waitingText, String shown) {
        block(List.of("*/health*", "*/api/*"));
        browser.go(hub.url(path));
        browser.waitForText("#boot-wait", "正在連線到叫號主機");
        browser.waitForText("#boot-wait", waitingText);
        browser.screenshot("boot-waiting" + path.replaceAll("[^a-z]+", "-"));
        hub.stop();
        block(List.of());
        // The page keeps trying against a hub that is really down, its pause growing to the longest.
        long downUntil = System.nanoTime() + 2_500_000_000L;
        browser.waitFor(Duration.ofSeconds(6), "the page still waiting while the hub is down",
                d -> System.nanoTime() > downUntil && browser.find("#boot-wait").isDisplayed() ? true : null);
        hub.startAgain();
        long started = System.nanoTime();
        browser.waitForShown(shown);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(browser.all("#boot-wait")).as("the connecting notice is gone").isEmpty();
        return ms;
    }

    private void block(List<String> urls) {
        browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", urls));
    }
}
