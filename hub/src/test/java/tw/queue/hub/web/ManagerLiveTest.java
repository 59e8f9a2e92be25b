package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/** The manager's desktop (1440x900): the tab bar and the Live tab. */
class ManagerLiveTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demo();
    private final HubClient calls = demo.client();
    @TempDir
    Path files;

    @Test
    void theManagerMovesBetweenLiveHistoryAndEvaluationWithTheKeyboard() {
        try (Browser staff = Browser.open(Browser.Screen.MANAGER)) {
            staff.signInPage(demo.url("/manager"));
            assertThat(staff.find("#tabs").isDisplayed()).as("no tabs before signing in").isFalse();
            staff.signIn("manager", "demo");
            staff.waitForShown("#tab-live #announce");
            assertThat(staff.find("#tab-live-button").getAttribute("aria-selected")).isEqualTo("true");
            assertThat(staff.find("#tab-history").isDisplayed()).isFalse();

            staff.find("#tab-live-button").sendKeys(Keys.ARROW_RIGHT);
            staff.waitForShown("#tab-history h2");
            assertThat(staff.find("#tab-live").isDisplayed()).isFalse();
            assertThat(staff.find("#tab-history-button").getAttribute("aria-selected")).isEqualTo("true");
            assertThat(staff.find("#tab-history-button").getAttribute("tabindex")).isEqualTo("0");
            assertThat(staff.find("#tab-live-button").getAttribute("tabindex")).isEqualTo("-1");
            assertThat((Boolean) staff.js("return document.activeElement.id === 'tab-history-button'")).isTrue();
            staff.assertAccessible("/manager history tab");

            staff.find("#tab-history-button").sendKeys(Keys.END);
            staff.waitForShown("#tab-evaluation h2");
            staff.find("#tab-evaluation-button").sendKeys(Keys.ARROW_RIGHT);
            staff.waitForShown("#tab-live #announce");
            // Mounted once: going back to History does not add a second heading.
            staff.find("#tab-history-button").click();
            staff.waitForShown("#tab-history h2");
            assertThat(staff.all("#tab-history h2")).hasSize(1);
        }
    }

    private String status(int n) {
        return calls.queue().getJsonArray("counters").stream().map(o -> (JsonObject) o)
                .filter(c -> c.getInteger("number") == n).findFirst().orElseThrow().getString("status");
    }

    private void clickAction(Browser staff, int counter, String action) {
        staff.waitForShown("#counters-body button[data-counter='" + counter + "'][data-action='" + action + "']").click();
    }

    /** A cell's text read in one step (the row may be re-rendered at any moment). */
    private static String cell(Browser staff, int counter, String cls) {
        return (String) staff.js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
                "#counters-body tr[data-counter='" + counter + "'] td." + cls);
    }

    private static String stateShown(Browser staff, int counter) {
        return cell(staff, counter, "state");
    }

    @Test
    void theManagerOpensCountersSeesTheStaffingHintComeAndGoAndImportsTheMorningsBookings() throws IOException {
        try (Browser staff = Browser.open(Browser.Screen.MANAGER)) {
            staff.signInPage(demo.url("/manager")).signIn("manager", "demo");
            staff.waitForShown("#counters-body tr[data-counter='25']");
            staff.waitForShown("#waits-body tr[data-service='passport']");
            assertThat(staff.find("#waits-target").getText()).isEqualTo("目標：15 分鐘內叫號");
            staff.assertAccessible("/manager live, the morning");

            // A back-line reviewer takes counter 3; the manager opens counter 4 in their own name, pauses, closes it.
            new Select(staff.find("#open-for-3")).selectByValue("clerk3");
            clickAction(staff, 3, "open");
            staff.waitForText("#counters-result", "3 號櫃檯已開啟");
            staff.waitFor("clerk3 shown at counter 3", d -> "clerk3".equals(cell(staff, 3, "clerk")));
            // the clerk comes with the staff list, the state with the event stream: either may be first
            staff.waitFor("counter 3 shown open", d -> "服務中".equals(stateShown(staff, 3)));
            assertThat(status(3)).isEqualTo("open");
            clickAction(staff, 4, "open");
            staff.waitFor("counter 4 open", d -> stateShown(staff, 4).equals("服務中"));
            assertThat(cell(staff, 4, "clerk")).isEqualTo("manager");
            clickAction(staff, 4, "pause");
            staff.waitFor("counter 4 paused", d -> stateShown(staff, 4).equals("暫停"));
            assertThat(status(4)).isEqualTo("paused");
            clickAction(staff, 4, "close");
            staff.waitFor("counter 4 closed", d -> stateShown(staff, 4).equals("關閉"));
            assertThat(status(4)).isEqualTo("closed");

            // Registrations pile up at the one open counter: the hub hints, the page shows it and the alert.
            for (int i = 0; i < 4; i++) {
                calls.issue("registration");
            }
            assertThat(calls.queue().getBoolean("staffingHint")).isTrue();
            String banner = staff.waitForShown("#staffing-hint").getText();
            assertThat(banner).matches("請開啟後線櫃檯：預估 p90 等候 [0-9]+ 分鐘（戶籍登記，[0-9]{2}:[0-9]{2}；目標 15 分鐘；當時開啟 1 個櫃檯）。");
            staff.waitForText("#wait-alerts", "戶籍登記：預估等候");
            assertThat(staff.find("#waits-body tr[data-service='registration']").getAttribute("class"))
                    .contains("over-target");
            // Someone is at counter 3: the number and the ticking time at the counter.
            calls.callNext(3, calls.login("clerk3"));
            staff.waitForText("#counters-body tr[data-counter='3'] td.current", "1001");
            String first = staff.waitFor("time at the counter", d -> {
                String t = cell(staff, 3, "serving-for");
                return t != null && t.matches("0:0[0-9]") ? t : null;
            });
            staff.waitFor("the time at the counter ticks", d -> !first.equals(cell(staff, 3, "serving-for")));
            staff.screenshot("manager-live-staffing-hint");
            staff.assertAccessible("/manager live, staffing hint");

            // The reviewers open their counters until the hub withdraws the hint; the banner goes with it.
            for (int n = 7; n <= 14 && calls.queue().getBoolean("staffingHint"); n++) {
                calls.openCounter(n);
            }
            assertThat(calls.queue().getBoolean("staffingHint")).as("withdrawn").isFalse();
            staff.waitFor("the banner cleared", d -> !staff.find("#staffing-hint").isDisplayed());
            staff.waitFor("no wait alert", d -> staff.all("#wait-alerts li").isEmpty());
            staff.screenshot("manager-live-counters");

            // The boards' announcement.
            staff.find("#announce-zh-TW").sendKeys("今日下午三點系統維護。");
            staff.find("#announce-form button[type=submit]").click();
            staff.waitForText("#announce-result", "公告已更新");
            assertThat(calls.queue().getJsonObject("announcement").getString("zh-TW")).isEqualTo("今日下午三點系統維護。");

            // The morning's bookings: a good file, then one with a bad row (refused whole).
            Path good = files.resolve("bookings-good.csv");
            // Late in the evening, so the booking has not lapsed whenever the test runs (this hub keeps the real clock).
            Files.writeString(good, "\uFEFF時間,業務,預約代碼,姓名\r\n23:58,護照申辦,WEB-1030,王○明\r\n"
                    + "23:59,戶籍登記,WEB-1045,陳○\r\n", StandardCharsets.UTF_8);
            staff.find("#bookings-file").sendKeys(good.toString());
            staff.find("#bookings-form button[type=submit]").click();
            staff.waitForText("#bookings-result", "的 2 筆預約");
            assertThat(calls.post("/api/appointments/check-in", calls.login("manager"),
                    "{\"code\":\"WEB-1030\"}").status()).isEqualTo(201);

            Path bad = files.resolve("bookings-bad.csv");
            Files.writeString(bad, "時間,業務,預約代碼,姓名\r\n11:00,護照申辦,WEB-1100,林○○\r\n"
                    + "11:15,護照申辦,WEB-1115,林小明\r\n", StandardCharsets.UTF_8);
            staff.find("#bookings-file").sendKeys(bad.toString());
            staff.find("#bookings-form button[type=submit]").click();
            staff.waitForText("#bookings-result", "未匯入任何預約");
            var row = staff.waitForShown("#bookings-result tr[data-row='3']");
            assertThat(row.getText()).contains("D").contains("姓名未遮罩");
            assertThat(staff.all("#bookings-result tbody tr")).hasSize(1);
            assertThat(calls.post("/api/appointments/check-in", calls.login("manager"),
                    "{\"code\":\"WEB-1100\"}").status()).as("nothing of that file").isEqualTo(404);
            staff.js("document.getElementById('bookings').scrollIntoView()");
            staff.screenshot("manager-live-import-errors");
            staff.assertAccessible("/manager live, import refused");

            // The end of the day, with a confirmation, and the next morning.
            staff.find("#day-close").click();
            staff.waitForShown("#day-close-confirm").click();
            staff.waitForText("#day-result", "辦公日已結束");
            assertThat(calls.queue().getBoolean("dayOpen")).isFalse();
            staff.waitFor("counters closed with the day", d -> stateShown(staff, 3).equals("關閉"));
            staff.find("#day-open").click();
            staff.waitForText("#day-result", "辦公日已開始");
            assertThat(calls.queue().getBoolean("dayOpen")).isTrue();
            staff.assertAccessible("/manager live, day reopened");
        }
    }

    @Test
    void theLiveTabSaysWhenTheHubIsAwayAndCatchesUpWhenItIsBack() {
        try (Browser staff = Browser.open(Browser.Screen.MANAGER)) {
            staff.signInPage(demo.url("/manager")).signIn("manager", "demo");
            staff.waitForShown("#counters-body tr[data-counter='5']");
            demo.server().stop();
            staff.waitFor(java.time.Duration.ofSeconds(10), "the reconnecting banner",
                    d -> staff.find("#conn").isDisplayed());
            assertThat(staff.find("#conn").getText()).isEqualTo("重新連線中…");
            demo.server().startAgain();
            // While the page may still be reconnecting: it gets these through the replay or live.
            calls.openCounter(5);
            calls.issue("passport");
            staff.waitFor(java.time.Duration.ofSeconds(15), "counter 5 open for clerk5",
                    d -> "服務中".equals(stateShown(staff, 5)) && "clerk5".equals(cell(staff, 5, "clerk")));
            staff.waitFor("the banner gone", d -> !staff.find("#conn").isDisplayed());
            staff.waitFor("one passport waiting", d -> staff
                    .find("#waits-body tr[data-service='passport'] td").getText().equals("1"));

            staff.find("#langs button[data-lang='en']").click();
            staff.waitForText("#waits-title", "Waiting and predicted wait");
            staff.waitFor("counter 5 in English", d -> "open".equals(stateShown(staff, 5)));
            assertThat(staff.find("#counters-body button[data-counter='5'][data-action='pause']").getAccessibleName())
                    .isEqualTo("Pause counter 5");
            assertThat(staff.find("#tab-live-button").getText()).isEqualTo("Live");
            staff.assertAccessible("/manager live in English");
        }
    }
}
