package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.TestHub;

/**
 * A clerk's shift ends at the counter terminal, in Chinese: signing out, or closing the counter and signing out,
 * goes back to the sign-in and the hub refuses the old token from then on; a sign-in the manager ended shows the
 * sign-in again at the next press; a press while the hub is down says so in Chinese, not "TypeError".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CounterSigningOutTest {
    @TempDir
    static Path data;
    private TestHub hub;
    private Browser counter;

    @BeforeAll
    void start() {
        Browser.requireInstalled();
        hub = TestHub.demo(data);
        counter = Browser.open(Browser.Screen.COUNTER);
    }

    @AfterAll
    void stop() {
        if (counter != null) {
            counter.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void aClerkWhoSignsOutIsBackAtTheSignInAndTheOldTokenIsRefused() {
        String token = atWork(7);
        counter.find("#sign-out").click();
        counter.waitForShown("#login");
        counter.waitForText("#login-message", "已登出");
        assertThat(storedToken()).isNull();
        assertRefused(token, 7);
    }

    @Test
    @Order(2)
    void closeTheCounterAndSignOutClosesItAndEndsTheToken() {
        String token = atWork(8);
        new Actions(counter.driver).sendKeys("c").perform();
        counter.waitForText("#close-title", "關閉櫃檯並登出？");
        counter.find("#close-ok").click();
        counter.waitForShown("#login");
        counter.waitFor("counter 8 closed at the hub", d -> status(8).equals("closed") ? true : null);
        assertThat(storedToken()).isNull();
        assertRefused(token, 8);
    }

    @Test
    @Order(3)
    void aSignInTheManagerEndedShowsTheSignInAgainAtTheNextPress() {
        atWork(9);
        String manager = hub.client().login("manager");
        assertThat(hub.client().send("DELETE", "/api/sessions/clerk9", manager, null).status()).isEqualTo(204);
        new Actions(counter.driver).sendKeys(Keys.SPACE).perform();
        counter.waitForShown("#login");
        counter.waitForText("#login-message", "請重新登入");
        counter.assertAccessible("/counter signed in again after a 401");
    }

    @Test
    @Order(4)
    void aPressWhileTheHubIsDownSaysSoInChinese() {
        atWork(10);
        hub.stop();
        try {
            new Actions(counter.driver).sendKeys(Keys.SPACE).perform();
            String text = counter.waitForText("#message", "無法連線").getText();
            assertThat(text).doesNotContain("TypeError").doesNotContain("fetch");
            counter.screenshot("counter-hub-down-zh-TW");
        } finally {
            hub.startAgain();
        }
    }

    /** Signs clerkN in on a fresh tab session and opens counter N from the picker; returns the page's token. */
    private String atWork(int n) {
        counter.go(hub.url("/counter"));
        counter.js("sessionStorage.clear(); localStorage.clear();");
        counter.signInPage(hub.url("/counter")).signIn("clerk" + n, "demo");
        counter.waitForShown("#counters button[data-counter='" + n + "']").click();
        counter.waitForText("#work-title", n + " 號櫃檯");
        String token = storedToken();
        assertThat(token).isNotNull();
        assertThat(hub.client().post("/api/counters/" + n + "/pause", token, null).status()).isEqualTo(200);
        assertThat(hub.client().post("/api/counters/" + n + "/open", token, null).status()).isEqualTo(200);
        return token;
    }

    private String storedToken() {
        return (String) counter.js("const s = JSON.parse(sessionStorage.getItem('queue.counter.session'));"
                + " return s && s.token;");
    }

    private void assertRefused(String token, int n) {
        counter.waitFor(Duration.ofSeconds(5), "the hub refusing the old token",
                d -> hub.client().post("/api/counters/" + n + "/open", token, null).status() == 401 ? true : null);
    }

    private String status(int n) {
        for (Object o : hub.client().queue().getJsonArray("counters")) {
            JsonObject c = (JsonObject) o;
            if (c.getInteger("number") == n) {
                return c.getString("status");
            }
        }
        return "none";
    }
}
