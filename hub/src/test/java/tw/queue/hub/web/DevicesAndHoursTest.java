package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import tw.queue.hub.testing.TestHub;
import tw.queue.hub.testing.HubClient;

/** A real office, not the demo: devices are paired once, clerks sign in, and the kiosk keeps the hours. */
class DevicesAndHoursTest {
    @TempDir
    Path data;

    @Test
    void aKioskIsPairedOnceWithTheManagersCodeAndKeepsItsToken() {
        try (TestHub hub = TestHub.office(data); Browser kiosk = Browser.open(Browser.Screen.KIOSK)) {
            kiosk.go(hub.url("/kiosk"));
            kiosk.waitForText(".pairing h1", "抽號機配對");
            kiosk.screenshot("kiosk-pairing");
            kiosk.assertAccessible("/kiosk pairing form");

            kiosk.find("#pairing-code").sendKeys("12345678", Keys.ENTER);
            kiosk.waitForText("#pairing-message", "配對碼錯誤");

            HubClient calls = hub.client();
            String manager = calls.login("manager");
            HubClient.Response issued = calls.postJson("/api/pairings", manager,
                    new JsonObject().put("type", "kiosk").put("name", "lobby-kiosk"));
            assertThat(issued.status()).isEqualTo(201);
            String code = issued.json().getString("code");
            kiosk.find("#pairing-code").clear();
            for (char digit : code.toCharArray()) {
                // on the touch screen's own keypad
                kiosk.all(".pairing .keypad button").stream().filter(b -> b.getText().equals(String.valueOf(digit)))
                        .findFirst().orElseThrow().click();
            }
            kiosk.find(".pairing button[type=submit]").click();
            kiosk.waitForShown("#start");
            kiosk.find(".service[data-service=seal]").click();
            kiosk.waitForShown("#confirm");
            kiosk.find("#confirm-take").click();
            kiosk.waitForText("#ticket-number", "4001");

            kiosk.go(hub.url("/kiosk"));
            kiosk.waitForShown("#start");
            assertThat(kiosk.all(".pairing")).as("paired once: no form after a reload").isEmpty();
        }
    }

    @Test
    void aBoardAsksForItsPairingCodeAndTheCounterForASignIn() {
        try (TestHub hub = TestHub.office(data);
             Browser board = Browser.open(Browser.Screen.BOARD);
             Browser counter = Browser.open(Browser.Screen.COUNTER)) {
            board.go(hub.url("/board"));
            board.waitForText(".pairing h1", "叫號看板配對");
            board.assertAccessible("/board pairing form");
            HubClient calls = hub.client();
            String code = calls.postJson("/api/pairings", calls.login("manager"),
                    new JsonObject().put("type", "board").put("name", "lobby-tv")).json().getString("code");
            board.find("#pairing-code").sendKeys(code, Keys.ENTER);
            board.waitForShown("#waiting tr[data-service=transcript]");

            counter.signInPage(hub.url("/counter"));
            assertThat(counter.find("#login-demo").isDisplayed()).as("no demo accounts hint").isFalse();
            counter.signIn("clerk2", "wrong");
            counter.waitForText("#login-message", "帳號或密碼");
        }
    }

    @Test
    void outsideOpeningHoursTheKioskSaysWhenTheOfficeOpens() {
        // Sunday 29 November 2026, 10:00 in Taichung: closed; Monday 08:00 is next.
        ZonedDateTime sunday = ZonedDateTime.of(2026, 11, 29, 10, 0, 0, 0, ZoneId.of("Asia/Taipei"));
        try (TestHub hub = TestHub.demoAt(data, Clock.fixed(sunday.toInstant(), ZoneId.of("UTC")));
             Browser kiosk = Browser.open(Browser.Screen.KIOSK)) {
            kiosk.go(hub.url("/kiosk"));
            kiosk.waitForShown("#closed");
            assertThat(kiosk.find("#closed-title").getText()).isEqualTo("現在不是服務時間");
            assertThat(kiosk.find("#closed-next").getText()).contains("11月30日").contains("星期一").contains("08:00");
            assertThat(kiosk.find("#closed-hours").getText()).contains("星期三").contains("17:00-20:00");
            kiosk.screenshot("kiosk-closed");
            kiosk.assertAccessible("/kiosk closed hours");
        }
    }
}
