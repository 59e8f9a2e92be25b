package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import tw.queue.hub.testing.TestHub;
import tw.queue.hub.testing.HubClient;

/**
 * A morning in the lobby, in one demo hub with four screens at their real sizes: the kiosk, the lobby board,
 * counter 5's terminal and a citizen's phone. Each step checks the pages with axe-core and leaves a
 * screenshot in target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CitizenJourneyTest {
    @TempDir
    static Path data;
    private TestHub hub;
    private Browser kiosk;
    private Browser board;
    private Browser counter;
    private Browser phone;
    private String firstTicketUrl;

    @BeforeAll
    void openTheOffice() {
        Browser.requireInstalled();
        hub = TestHub.demo(data);
        kiosk = Browser.open(Browser.Screen.KIOSK);
        board = Browser.withSound(Browser.Screen.BOARD);
        counter = Browser.open(Browser.Screen.COUNTER);
        phone = Browser.open(Browser.Screen.PHONE);
        board.go(hub.url("/board?pace=0.05"));
        kiosk.go(hub.url("/kiosk"));
    }

    @AfterAll
    void closeTheOffice() {
        for (Browser b : new Browser[] {kiosk, board, counter, phone}) {
            if (b != null) {
                b.close();
            }
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void aCitizenTakesATicketInChineseAndIsToldNoCounterIsOpenYet() {
        kiosk.waitForShown("#start");
        kiosk.waitForText("#start-title", "請選擇您要辦理的服務");
        kiosk.waitForText(".service[data-service=transcript] .status", "目前無櫃檯辦理");
        kiosk.screenshot("kiosk-start-zh-TW");
        kiosk.assertAccessible("/kiosk start screen (zh-TW)");

        kiosk.find(".service[data-service=transcript]").click();
        kiosk.waitForShown("#confirm");
        assertThat(kiosk.find("#confirm-text").getText()).contains("戶籍謄本").contains("沒有開放的櫃檯");
        kiosk.assertAccessible("/kiosk no-open-counter notice");
        kiosk.find("#confirm-take").click();

        kiosk.waitForShown("#ticket");
        assertThat(kiosk.find("#ticket-number").getText()).isEqualTo("2001");
        assertThat(kiosk.find("#ticket-service").getText()).isEqualTo("戶籍謄本・戶口名簿");
        assertThat(kiosk.find("#ticket-ahead").getText()).isEqualTo("下一位就是您");
        assertThat(kiosk.find("#ticket-wait").getText()).contains("目前沒有櫃檯辦理");
        assertThat(kiosk.all("#ticket-qr svg")).hasSize(1);
        firstTicketUrl = kiosk.find("#ticket-qr").getAttribute("data-url");
        assertThat(firstTicketUrl).startsWith(hub.url("/t/"));
        kiosk.screenshot("kiosk-ticket-zh-TW");
        kiosk.assertAccessible("/kiosk ticket screen (zh-TW)");
    }

    @Test
    @Order(2)
    void aClerkCallsItFromTheCounterAndTheBoardAndThePhoneShowItWithinASecond() {
        phone.go(firstTicketUrl);
        phone.waitForText("#number", "2001");
        // No counter open yet: the place in line, not "next is you" (issue 15).
        phone.waitForText("#ahead", "您排在第 1 位");
        phone.screenshot("phone-waiting");
        phone.assertAccessible("/t/{id} waiting");

        counter.go(hub.url("/counter"));
        counter.waitForShown("#login");
        counter.waitForText("#login-demo", "clerk1");
        counter.screenshot("counter-login");
        counter.assertAccessible("/counter sign-in");
        counter.find("#username").sendKeys("clerk5");
        counter.find("#password").sendKeys("demo", Keys.ENTER);
        counter.waitForShown("#pick");
        WebElement five = counter.waitForShown("#counters button[data-counter='5']");
        assertThat(counter.driver.switchTo().activeElement()).isEqualTo(five);
        counter.assertAccessible("/counter choose a counter");
        five.sendKeys(Keys.ENTER);
        counter.waitForShown("#work");
        counter.waitForText("#work-title", "5 號櫃檯");
        counter.waitForText("#queue-total", "共 1 人等候");

        // The clerk presses Space; from then on the board has one second to show the call.
        new Actions(counter.driver).sendKeys(Keys.SPACE).perform();
        long pressed = System.nanoTime();
        board.waitFor(Duration.ofSeconds(1), "the board shows 2001 -> counter 5 within a second", d -> board.js(
                "const now = document.getElementById('now');"
                        + "return now.dataset.number === '2001' && now.dataset.counter === '5'"
                        + " && getComputedStyle(document.getElementById('now-number')).display !== 'none';"));
        long ms = (System.nanoTime() - pressed) / 1_000_000;
        assertThat(ms).as("board latency in ms").isLessThanOrEqualTo(1000);
        assertThat(board.find("#now-number").getText()).isEqualTo("2001");
        assertThat(board.find("#now-counter").getText()).contains("5 號櫃檯").contains("Counter 5");

        counter.waitForText("#current-number", "2001");
        counter.waitForText("#message", "已叫 2001 號");
        phone.waitFor(Duration.ofSeconds(2), "the phone says called, counter 5",
                d -> phone.find("#called").isDisplayed() && phone.find("#called-counter").getText().equals("請到 5 號櫃檯"));
        assertThat(phone.find("#called-title").getText()).isEqualTo("輪到您了！");

        board.screenshot("board-calling");
        board.assertAccessible("/board calling");
        counter.screenshot("counter-working");
        counter.assertAccessible("/counter at work");
        phone.screenshot("phone-called");
        phone.assertAccessible("/t/{id} called");
    }

    @Test
    @Order(3)
    void aCitizenTakesATicketInEnglishAndTheKioskReturnsToChinese() {
        kiosk.go(hub.url("/kiosk"));
        kiosk.waitForShown("#start");
        kiosk.find("#langs button[data-lang='en']").click();
        kiosk.waitForText("#start-title", "What do you need today?");
        kiosk.waitForText(".service[data-service=transcript] .name", "Household transcripts and certificates");
        kiosk.find(".priority-button[data-priority='elderly']").click();
        kiosk.waitFor("priority pressed", d -> "true".equals(
                kiosk.find(".priority-button[data-priority='elderly']").getAttribute("aria-pressed")));
        kiosk.screenshot("kiosk-start-en");
        kiosk.assertAccessible("/kiosk start screen (en)");

        kiosk.find(".service[data-service=transcript]").click();
        kiosk.waitForShown("#ticket");
        assertThat(kiosk.find("#ticket-label").getText()).isEqualTo("Your number");
        assertThat(kiosk.find("#ticket-number").getText()).isEqualTo("2002");
        assertThat(kiosk.find("#ticket-service").getText()).isEqualTo("Household transcripts and certificates");
        assertThat(kiosk.find("#ticket-priority").getText()).isEqualTo("Aged 65 or over");
        assertThat(kiosk.find("#ticket-ahead").getText()).isEqualTo("You are next");
        assertThat(kiosk.find("#ticket-wait").getText()).startsWith("Estimated wait: about");
        kiosk.screenshot("kiosk-ticket-en");
        kiosk.assertAccessible("/kiosk ticket screen (en)");

        JsonObject ticket = hub.client().get("/api/tickets/" + ticketId(kiosk.find("#ticket-qr").getAttribute("data-url"))).json();
        assertThat(ticket.getString("priority")).as("the ticket's page: priority, not its class").isEqualTo("priority");
        assertThat(ticket.getString("lang")).isEqualTo("en");

        kiosk.find("#ticket-done").click();
        kiosk.waitForText("#start-title", "請選擇您要辦理的服務");
        assertThat(kiosk.find(".priority-button[data-priority='elderly']").getAttribute("aria-pressed")).isEqualTo("false");
    }

    @Test
    @Order(4)
    void theClerkWorksFromTheKeyboardAlone() {
        counter.waitForText("#current-number", "2001");
        // F finishes 2001; Space calls the English-speaking citizen's 2002 (priority); R calls it again.
        new Actions(counter.driver).sendKeys("f").perform();
        counter.waitForText("#message", "2001 號辦理完成");
        // The citizen of 2001, still on the phone page, rates the visit once it has ended.
        phone.waitForShown("#rating");
        phone.find("#rating-buttons button[data-rating='satisfied']").click();
        phone.waitForText("#rating-thanks", "謝謝您的評分");
        assertThat(phone.find("#rating-buttons").isDisplayed()).isFalse();
        phone.assertAccessible("/t/{id} rated");
        new Actions(counter.driver).sendKeys(Keys.SPACE).perform();
        counter.waitForText("#current-number", "2002");
        new Actions(counter.driver).sendKeys("r").perform();
        counter.waitForText("#message", "已重新叫 2002 號");
        board.waitForText("#recent, #now", "2002");

        // T opens the transfer dialog; arrows choose, Enter sends 2002 to the ID-card queue.
        new Actions(counter.driver).sendKeys("t").perform();
        counter.waitForShown("#transfer-dialog");
        counter.assertAccessible("/counter transfer dialog");
        new Actions(counter.driver).sendKeys(Keys.ARROW_DOWN).perform();
        String chosen = (String) counter.js("return document.querySelector('#transfer-options input:checked').value");
        new Actions(counter.driver).sendKeys(Keys.ENTER).perform();
        counter.waitForText("#message", "2002 號已轉送");
        assertThat(hub.client().get("/api/queue").json().getJsonArray("services").stream()
                .map(JsonObject.class::cast).filter(s -> s.getString("id").equals(chosen))
                .findFirst().orElseThrow().getInteger("waiting")).isEqualTo(1);

        // P pauses, P resumes; the labels say which.
        new Actions(counter.driver).sendKeys("p").perform();
        counter.waitForText("#state", "暫停");
        counter.waitForText("#pause", "恢復服務");
        new Actions(counter.driver).sendKeys("p").perform();
        counter.waitForText("#state", "服務中");
    }

    @Test
    @Order(5)
    void severalCallsAtOnceAreAllShownAndAnnouncedInOrder() {
        // A freshly started board: nothing left in its announcement queue from the calls before.
        board.go(hub.url("/board?pace=0.05"));
        board.waitForShown("#waiting tr[data-service=transcript]");
        int before = announcedCount();
        HubClient calls = hub.client();
        calls.send("PUT", "/api/announcement", calls.login("manager"), new JsonObject().put("texts", new JsonObject()
                .put("zh-TW", "本所週三延長服務至晚上 8 點，歡迎多加利用。")
                .put("en", "Open until 8 pm on Wednesdays.")));
        for (String service : List.of("passport", "seal", "cdc")) {
            calls.issue(service);
        }
        String t6 = calls.openCounter(6);
        String t7 = calls.openCounter(7);
        String t8 = calls.openCounter(8);
        // Counters 6-8 prefer different services; three calls within a few milliseconds.
        int[] numbers = {
            calls.callNext(6, t6).getInteger("number"),
            calls.callNext(7, t7).getInteger("number"),
            calls.callNext(8, t8).getInteger("number"),
        };
        for (int n : numbers) {
            board.waitFor(Duration.ofSeconds(1), n + " on the board", d -> board.js(
                    "return [...document.querySelectorAll('#recent li, #now')].some(e => e.dataset.number === arguments[0])",
                    String.valueOf(n)));
        }
        // Earlier calls may still be in the board's queue: wait for these three, then check their order.
        List<String> expected = List.of(numbers[0] + "@6", numbers[1] + "@7", numbers[2] + "@8");
        board.waitFor(Duration.ofSeconds(15), "all three calls announced",
                d -> announcedSince(before).stream().map(CitizenJourneyTest::call).toList().containsAll(expected));
        List<Map<String, Object>> these = announcedSince(before).stream()
                .filter(a -> expected.contains(call(a))).toList();
        assertThat(these).extracting(CitizenJourneyTest::call).containsExactlyElementsOf(expected);
        for (Map<String, Object> a : these) {
            // Headless Chromium has no voices: the board falls back to the recorded clips, in both languages.
            assertThat(a.get("how").toString()).contains("clips:zh-TW").contains("clips:en");
        }
        board.waitForText("#marquee-text", "延長服務");
        board.screenshot("board");
        board.assertAccessible("/board with calls and an announcement");
    }

    @Test
    @Order(6)
    void anAppointmentIsCheckedInByCode() {
        kiosk.go(hub.url("/kiosk"));
        kiosk.waitForShown("#start");
        kiosk.find("#checkin-open").click();
        kiosk.waitForShown("#checkin");
        for (char c : "DEMO1".toCharArray()) {
            kiosk.driver.findElements(org.openqa.selenium.By.cssSelector("#checkin-keys .key")).stream()
                    .filter(k -> k.getText().equals(String.valueOf(c))).findFirst().orElseThrow().click();
        }
        assertThat(kiosk.find("#checkin-code").getAttribute("value")).isEqualTo("DEMO1");
        kiosk.screenshot("kiosk-checkin");
        kiosk.assertAccessible("/kiosk appointment check-in");
        kiosk.find("#checkin-submit").click();
        kiosk.waitForShown("#ticket");
        assertThat(kiosk.find("#ticket-priority").getText()).startsWith("網路預約");
        kiosk.find("#ticket-done").click();

        kiosk.find("#checkin-open").click();
        kiosk.find("#checkin-code").sendKeys("NOSUCH", Keys.ENTER);
        kiosk.waitForText("#checkin-message", "查無此預約代碼");
    }

    @Test
    @Order(7)
    void aLanguageIsAddedByAddingItsFile() {
        // src/test/resources/webroot/i18n/eo.json: a few texts, the rest falls back to English as it says.
        kiosk.go(hub.url("/kiosk"));
        kiosk.waitForShown("#start");
        kiosk.find("#langs button[data-lang='eo']").click();
        kiosk.waitForText("#start-title", "Kion vi bezonas hodiaŭ?");
        assertThat(kiosk.find("html").getAttribute("lang")).isEqualTo("eo");
        assertThat(kiosk.find(".service[data-service=passport] .name").getText()).isEqualTo("Passport applications");
        assertThat(kiosk.find(".priority-button[data-priority='elderly']").getText()).isEqualTo("Aged 65 or over");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> announcedSince(int index) {
        List<Map<String, Object>> all = (List<Map<String, Object>>) board.js("return window.board.announced");
        return all.subList(Math.min(index, all.size()), all.size());
    }

    private static String call(Map<String, Object> announced) {
        return ((Number) announced.get("number")).intValue() + "@" + ((Number) announced.get("counter")).intValue();
    }

    private int announcedCount() {
        return ((Number) board.js("return window.board.announced.length")).intValue();
    }

    private static String ticketId(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
