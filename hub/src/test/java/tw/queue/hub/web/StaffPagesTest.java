package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import tw.queue.hub.testing.TestHub;
import tw.queue.hub.testing.HubClient;

/** The smaller staff pages: the hub's front page, the volunteers' lobby view and the manager's first tools. */
class StaffPagesTest {
    @TempDir
    Path data;

    @Test
    void theFrontPageTheLobbyViewAndTheManagersToolsWork() {
        try (TestHub hub = TestHub.demo(data); Browser staff = Browser.open(Browser.Screen.COUNTER)) {
            staff.go(hub.url("/"));
            staff.waitForText(".page-list", "抽號機");
            staff.assertAccessible("/ (front page)");

            HubClient calls = hub.client();
            calls.issue("passport");
            calls.callNext(12, calls.openCounter(12));
            staff.go(hub.url("/volunteer"));
            staff.waitForText("#counters", "5001");
            assertThat(staff.find("#services").getText()).contains("護照申辦");
            staff.assertAccessible("/volunteer");

            staff.go(hub.url("/manager"));
            staff.waitForShown("#login");
            staff.assertAccessible("/manager sign-in");
            staff.find("#username").sendKeys("manager");
            staff.find("#password").sendKeys("demo", Keys.ENTER);
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
}
