package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.TestHub;

/**
 * The volunteer signs out at the end of the shift and leaves the tablet: the token the page held is refused by
 * the hub from then on, so whoever copied it (or finds it in the tab's storage) can do nothing with it.
 */
class SigningOutTest {
    @TempDir
    Path data;

    @Test
    void signingOutOnTheTabletEndsTheTokenAtTheHub() {
        try (TestHub hub = TestHub.demo(data); Browser tablet = Browser.open(Browser.Screen.TABLET)) {
            tablet.signInPage(hub.url("/volunteer")).signIn("volunteer", "demo");
            tablet.waitForShown("#sign-out");
            String token = (String) tablet.js(
                    "return JSON.parse(sessionStorage.getItem('queue.volunteer.session')).token;");
            assertThat(hub.client().send("GET", "/api/alerts", token, null).status()).isEqualTo(200);

            tablet.find("#sign-out").click();
            tablet.waitForShown("#login");
            tablet.waitFor(Duration.ofSeconds(10), "the hub refusing the signed-out token",
                    d -> hub.client().send("GET", "/api/alerts", token, null).status() == 401 ? true : null);
        }
    }
}
