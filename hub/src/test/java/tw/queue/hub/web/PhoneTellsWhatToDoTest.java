package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.config.CounterRules;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * A citizen follows the number on a phone, in Chinese: before any counter opens the page gives the place in line,
 * not "next is you"; a long wait at the Turning Point counter is said plainly, with leave to come back; a missed
 * number says what to do next; and the reconnecting notice, when the hub is away, never covers the language
 * buttons.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhoneTellsWhatToDoTest {
    @TempDir
    static Path data;
    private TestHub hub;
    private HubClient api;
    private Browser phone;

    @BeforeAll
    void start() {
        Browser.requireInstalled();
        hub = TestHub.demo(data, CounterRules.NONE);
        api = hub.client();
        phone = Browser.open(Browser.Screen.PHONE);
        // The citizen chose Chinese on the phone once (the page remembers it).
        phone.go(hub.url("/t/none"));
        phone.js("localStorage.setItem('queue.phone.lang', 'zh-TW');");
    }

    @AfterAll
    void stop() {
        if (phone != null) {
            phone.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void beforeAnyCounterOpensThePhoneGivesThePlaceInLine() {
        api.issue("transcript");
        String second = api.issue("transcript").getString("id");
        phone.go(hub.url("/t/" + second));
        phone.waitForText("#ahead", "您排在第 2 位");
        assertThat(phone.find("#ahead").getText()).doesNotContain("下一位");
    }

    @Test
    @Order(2)
    void aLongWaitAtTheTurningPointCounterIsSaidPlainly() {
        for (int i = 0; i < 3; i++) {
            api.issue("turning");
        }
        api.openCounter(25);
        String fourth = api.issue("turning").getString("id");
        phone.go(hub.url("/t/" + fourth));
        String said = phone.waitForShown("#long-wait").getText();
        assertThat(said).contains("等候時間較長").contains("稍後再回來");
    }

    @Test
    @Order(3)
    void aMissedNumberSaysWhatToDoNext() {
        String clerk = api.openCounter(1);
        String ticket = api.issue("seal").getString("id");
        phone.go(hub.url("/t/" + ticket));
        phone.waitForShown("#ahead");
        // Counter 1 calls the earlier numbers first (each next press finishes the one before), then this one.
        for (int i = 0; i < 10 && !ticket.equals(api.callNext(1, clerk).getString("id")); i++) {
            assertThat(i).as("presses before the seal number is called").isLessThan(9);
        }
        phone.waitForShown("#called");
        assertThat(api.post("/api/counters/1/no-show", clerk, null).status()).isEqualTo(200);
        String next = phone.waitForShown("#next-step").getText();
        assertThat(next).contains("服務台").contains("重新抽");
    }

    @Test
    @Order(4)
    void theReconnectingNoticeNeverCoversTheLanguageButtons() {
        hub.stop();
        try {
            phone.waitForShown("#conn");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> overlaps = (List<Map<String, Object>>) phone.js(
                    "const c = document.getElementById('conn').getBoundingClientRect();"
                            + "return [...document.querySelectorAll('#langs button')].map(b => b.getBoundingClientRect())"
                            + ".filter(r => r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom)"
                            + ".map(r => ({top: r.top, left: r.left}));");
            phone.screenshot("phone-reconnecting");
            assertThat(overlaps).as("language buttons under the reconnecting notice").isEmpty();
        } finally {
            hub.startAgain();
        }
    }
}
