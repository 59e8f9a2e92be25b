package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/**
 * A morning in the lobby with the volunteer's tablet (1280x800): signing in, a number taken for an elderly visitor
 * shown large and printed at the kiosk beside, then called to the board; an appointment checked in by its code; the
 * number of someone who left cancelled; where to send a visitor. axe-core on every new state; screenshots at real size.
 */
class VolunteerTabletTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demo();
    private final HubClient calls = demo.client();

    private JsonObject ticketNumbered(String number, String token) {
        JsonArray found = new JsonArray(calls.send(calls.request("/api/tickets?number=" + number, token).GET().build()).body());
        assertThat(found).hasSize(1);
        return found.getJsonObject(0);
    }

    /** Every button, field and choice shown now is at least 48 px each way (a fingertip on a tablet). */
    private static void assertBigTouchTargets(Browser tablet, String where) {
        Object small = tablet.js("""
                return [...document.querySelectorAll('button, input, select, .choice')]
                  .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'
                    && !(e.type === 'radio'))
                  .filter((e) => { const r = e.getBoundingClientRect(); return r.width < 48 || r.height < 48; })
                  .map((e) => (e.id || e.className || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().width)
                    + 'x' + Math.round(e.getBoundingClientRect().height));""");
        assertThat((java.util.List<?>) small).as("touch targets under 48 px on " + where).isEmpty();
    }

    @Test
    void aVolunteerTakesA65PlusNumberThatShowsLargeAndReachesTheBoardChecksInAnAppointmentAndCancelsANumber() {
        // The kiosk agent beside the volunteer's desk has reported its printer (as it does at start).
        assertThat(calls.post("/api/devices/demo-kiosk-1/health", "demo-kiosk-1",
                "{\"components\":{\"printer\":\"ok\",\"gpio\":\"ok\"}}").status()).isEqualTo(200);
        calls.openCounter(25);
        calls.issue("passport");
        String volunteerToken = calls.login("volunteer");
        try (Browser tablet = Browser.open(Browser.Screen.TABLET); Browser board = Browser.open(Browser.Screen.BOARD)) {
            board.go(demo.url("/board"));
            board.waitForShown("#waiting tr[data-service=transcript]");

            tablet.signInPage(demo.url("/volunteer"));
            tablet.waitForText("#counters li[data-counter='25']", "疼您櫃檯");
            tablet.assertAccessible("/volunteer sign-in");
            assertBigTouchTargets(tablet, "the sign-in");
            tablet.screenshot("volunteer-sign-in");
            tablet.signIn("volunteer", "demo");
            tablet.waitForShown("#actions");
            assertThat(tablet.find("#who").getText()).contains("volunteer");
            assertThat(tablet.find("#counters li[data-counter='25']").getAttribute("class")).contains("private").contains("open");
            assertThat(tablet.find("#services tr[data-service=passport]").getText()).contains("護照申辦").contains("1");
            tablet.assertAccessible("/volunteer lobby");
            assertBigTouchTargets(tablet, "the lobby");
            tablet.screenshot("volunteer-lobby");

            // An elderly visitor who cannot use the kiosk: a 65+ number for household transcripts.
            tablet.find("#open-take").click();
            tablet.waitForShown("#take-dialog #service-choices button[data-service=transcript]");
            tablet.find("#priorities .choice:has(input[value=elderly])").click();
            assertThat(tablet.js("return document.querySelector('#priorities input[value=elderly]').checked")).isEqualTo(true);
            tablet.assertAccessible("/volunteer take-a-number dialog");
            assertBigTouchTargets(tablet, "the take-a-number dialog");
            tablet.screenshot("volunteer-take");
            tablet.find("#service-choices button[data-service=transcript]").click();

            String number = tablet.waitForShown("#ticket-dialog #big-number").getText();
            assertThat(number).matches("2[0-9]{3}");
            assertThat(tablet.find("#big-priority").getText()).isEqualTo("65 歲以上長者");
            assertThat(tablet.find("#big-where").getText()).contains("A 區").contains("1–6");
            JsonObject taken = ticketNumbered(number, volunteerToken);
            assertThat(taken.getString("priority")).isEqualTo("elderly");
            assertThat(taken.getString("channel")).isEqualTo("volunteer");

            // Printed at the kiosk beside: the test plays the kiosk agent's part over HTTP (the agent's own test
            // prints it on a pty printer).
            tablet.waitForShown("#print-kiosks button[data-kiosk=demo-kiosk-1]").click();
            tablet.waitForText("#print-status", "已送到 demo-kiosk-1");
            JsonArray jobs = new JsonArray(calls.send(calls.request("/api/devices/demo-kiosk-1/print-jobs", "demo-kiosk-1")
                    .GET().build()).body());
            assertThat(jobs).hasSize(1);
            assertThat(jobs.getJsonObject(0).getJsonObject("ticket").getString("id")).isEqualTo(taken.getString("id"));
            assertThat(calls.post("/api/devices/demo-kiosk-1/print-jobs/" + jobs.getJsonObject(0).getString("job")
                    + "/result", "demo-kiosk-1", "{\"result\":\"printed\"}").status()).isEqualTo(200);
            tablet.waitForText("#print-status", "已在 demo-kiosk-1 印出");
            tablet.assertAccessible("/volunteer their number, large");
            assertBigTouchTargets(tablet, "their number");
            tablet.screenshot("volunteer-ticket");
            tablet.find("#ticket-done").click();

            // Counter 2 calls it: the board shows it, and so does the tablet's counter tile.
            String clerk2 = calls.openCounter(2);
            assertThat(calls.callNext(2, clerk2).getInteger("number")).isEqualTo(Integer.parseInt(number));
            board.waitForText("#now, #recent", number);
            tablet.waitForText("#counters li[data-counter='2']", number);

            // An appointment booked online, checked in by its code.
            tablet.find("#open-checkin").click();
            tablet.waitForShown("#checkin-code").sendKeys("nope");
            tablet.find("#checkin-form button[type=submit]").click();
            tablet.waitForText("#checkin-message", "查無此預約代碼");
            tablet.assertAccessible("/volunteer check-in");
            tablet.screenshot("volunteer-checkin");
            tablet.find("#checkin-code").clear();
            tablet.find("#checkin-code").sendKeys("demo1");
            tablet.find("#checkin-form button[type=submit]").click();
            String appointment = tablet.waitForShown("#ticket-dialog #big-number").getText();
            assertThat(tablet.find("#big-priority").getText()).isEqualTo("網路預約");
            assertThat(tablet.find("#big-due").getText()).startsWith("預約時間");
            assertThat(ticketNumbered(appointment, volunteerToken).getString("priority")).isEqualTo("appointment");
            tablet.screenshot("volunteer-checkin-ticket");
            tablet.find("#ticket-done").click();

            // Someone who took 5001 at the kiosk has left: find the number, confirm, cancel.
            tablet.find("#open-cancel").click();
            tablet.waitForShown("#cancel-keypad");
            for (String key : new String[] {"5", "0", "0", "1"}) {
                tablet.find("#cancel-keypad button[data-key='" + key + "']").click();
            }
            tablet.find("#cancel-form button[type=submit]").click();
            tablet.waitForText("#cancel-found", "5001 號：護照申辦");
            assertThat(tablet.find("#cancel-yes").getText()).isEqualTo("取消 5001 號");
            tablet.assertAccessible("/volunteer cancel, confirm");
            assertBigTouchTargets(tablet, "the cancel dialog");
            tablet.screenshot("volunteer-cancel");
            tablet.find("#cancel-yes").click();
            tablet.waitForText("#cancel-found", "5001 號已取消");
            assertThat(ticketNumbered("5001", volunteerToken).getString("status")).isEqualTo("cancelled");
            // The number already called to counter 2 is not the volunteer's to cancel.
            tablet.find("#cancel-number").sendKeys(number);
            tablet.find("#cancel-form button[type=submit]").click();
            tablet.waitForText("#cancel-found", "已在 2 號櫃檯叫號");
            assertThat(tablet.find("#cancel-confirm").isDisplayed()).isFalse();
            tablet.find("#cancel-dialog .close").click();

            // Where do I send them: the Turning Point counter is counter 25, in its private room.
            tablet.find("#open-where").click();
            tablet.waitForText("#where tr[data-service=turning]", "25");
            assertThat(tablet.find("#where tr[data-service=passport]").getText()).contains("15–16");
            tablet.assertAccessible("/volunteer where to send them");
            tablet.screenshot("volunteer-where");
            tablet.find("#where-dialog .close").click();

            tablet.find("#langs button[data-lang='en']").click();
            tablet.waitForText("#actions", "Take a number for someone");
            tablet.waitForText("#counters li[data-counter='25']", "Turning Point counter");
            tablet.screenshot("volunteer-lobby-en");

            tablet.find("#sign-out").click();
            tablet.waitForShown("#login");
            assertThat(tablet.find("#actions").isDisplayed()).isFalse();
        }
    }
}
