package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import tw.queue.hub.testing.HubPerTest;

/** The manager's desktop (1440x900): the tab bar and the Live tab. */
class ManagerLiveTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demo();

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
}
