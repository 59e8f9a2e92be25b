package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;
import org.openqa.selenium.interactions.Actions;

/** The smaller staff pages: the hub's front page, the volunteers' lobby view and the manager's first tools. */
class StaffPagesTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demo();
    private final HubClient calls = demo.client();

    @Test
    void theFrontPageTheLobbyViewAndTheManagersToolsWork() {
        try (Browser staff = Browser.open(Browser.Screen.COUNTER)) {
            staff.go(demo.url("/"));
            staff.waitForText(".page-list", "抽號機");
            staff.assertAccessible("/ (front page)");

            calls.issue("passport");
            calls.callNext(12, calls.openCounter(12));
            staff.go(demo.url("/volunteer"));
            staff.waitForText("#counters", "5001");
            assertThat(staff.find("#services").getText()).contains("護照申辦");
            staff.assertAccessible("/volunteer");

            staff.signInPage(demo.url("/manager"));
            staff.assertAccessible("/manager sign-in");
            staff.signIn("manager", "demo");
            staff.waitForShown("#pairing");
            staff.find("#device-name").sendKeys("lobby-tv");
            staff.find("#pairing-form input[value=board]").click();
            staff.find("#pairing-form button[type=submit]").click();
            String code = staff.waitForShown("#pairing-result .code").getText();
            assertThat(code).matches("[0-9]{8}");
            staff.find("#announce-zh-TW").sendKeys("今日下午三點系統維護。");
            staff.find("#announce-form button[type=submit]").click();
            staff.waitForText("#announce-result", "公告已更新");
            assertThat(calls.get("/api/queue").json().getJsonObject("announcement").getString("zh-TW"))
                    .isEqualTo("今日下午三點系統維護。");
            staff.assertAccessible("/manager tools");
        }
    }

    @Test
    void aClerkWhoPressesSpaceTwiceCallsOneCitizenAndIsToldWhyInThePagesLanguage() {
        try (Browser counter = Browser.open(Browser.Screen.COUNTER)) {
            calls.issue("transcript");
            calls.issue("transcript");
            counter.signInPage(demo.url("/counter")).signIn("clerk9", "demo");
            counter.waitForShown("#counters button[data-counter='9']").click();
            counter.waitForShown("#work");

            new Actions(counter.driver).sendKeys(Keys.SPACE).perform();
            counter.waitForText("#message", "已叫 2001 號");
            new Actions(counter.driver).sendKeys(Keys.SPACE).perform();
            counter.waitForText("#message", "2001 號剛剛才叫號，所以沒有叫下一位");
            assertThat(counter.find("#current-number").getText()).isEqualTo("2001");
            assertThat(calls.queue().getJsonArray("services").stream()
                    .map(o -> (io.vertx.core.json.JsonObject) o)
                    .filter(o -> o.getString("id").equals("transcript")).findFirst().orElseThrow()
                    .getInteger("waiting")).as("2002 still waits").isEqualTo(1);
            counter.screenshot("counter-call-too-soon");

            counter.find("#langs button[data-lang='en']").click();
            counter.waitForText("#work-title", "Counter 9");
            counter.find("#call-next").click();
            counter.waitForText("#message", "2001 was called only a moment ago, so no one else was called.");
        }
    }

    @Test
    void theHelpBellRingsOnTheManagersPageAndTheVolunteersTabletUntilAVolunteerTakesItOn() {
        try (Browser staff = Browser.open(Browser.Screen.COUNTER)) {
            assertThat(calls.post("/api/devices/demo-kiosk-1/health", "demo-kiosk-1",
                    "{\"components\":{\"printer\":\"paper-out\"}}").status()).isEqualTo(200);
            assertThat(calls.post("/api/devices/demo-kiosk-2/health", "demo-kiosk-2",
                    "{\"components\":{\"printer\":\"ok\"}}").status()).isEqualTo(200);

            staff.signInPage(demo.url("/manager")).signIn("manager", "demo");
            staff.waitForText("#device-problems tr[data-device='demo-kiosk-1']", "缺紙");
            assertThat(staff.find("#device-problems").getText()).contains("故障").doesNotContain("demo-kiosk-2");
            assertThat(staff.find("#devices-never").getText()).contains("demo-board-1");
            assertThat(staff.find("#alerts .alert-none").isDisplayed()).isTrue();

            // The bell at the entrance: the signed-in manager's page shows it and sounds at once.
            assertThat(calls.post("/api/alerts", "demo-kiosk-1", "{\"kind\":\"help\",\"place\":\"entrance\"}")
                    .status()).isEqualTo(201);
            staff.waitForText("#alerts .alert-item", "入口有民眾需要協助");
            staff.waitFor("the alert sounds", d -> "true".equals(staff.js("return document.body.dataset.alerting")));
            staff.screenshot("manager-alert-and-devices");
            staff.assertAccessible("/manager alert and devices");

            staff.signInPage(demo.url("/volunteer")).signIn("volunteer", "demo");
            staff.waitForText("#alerts .alert-item", "入口有民眾需要協助");
            staff.waitFor("the tablet sounds too", d -> Integer.parseInt(String.valueOf(
                    staff.js("return document.body.dataset.alertBeeps || '0'"))) >= 1);
            staff.assertAccessible("/volunteer alert");
            staff.find("#alerts .alert-ack").click();
            staff.waitForText("#alerts .alert-message", "謝謝您");
            staff.waitFor("the sound stops", d -> "false".equals(staff.js("return document.body.dataset.alerting")));
            assertThat(staff.find("#alerts .alert-none").isDisplayed()).isTrue();
            assertThat(calls.send(calls.request("/api/alerts", calls.login("manager")).GET().build()).body())
                    .isEqualTo("[]");
        }
    }
}
