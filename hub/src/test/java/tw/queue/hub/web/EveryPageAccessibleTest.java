package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * Every page in every state a citizen or a clerk meets, in every language the hub offers (the files in
 * webroot/i18n, found as the hub lists them, so a new bundle is checked without touching this test): axe-core
 * with its default rules plus {@code p-as-heading} finds no serious or critical violation. One hub, one browser,
 * resized to each screen; languages are switched with each page's own language buttons where it has them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageAccessibleTest {
    private static final List<String> ALSO = List.of("p-as-heading");
    @TempDir
    static Path data;
    private TestHub hub;
    private HubClient api;
    private Browser browser;
    private List<String> languages;
    private int checked;

    @BeforeAll
    void start() {
        Browser.requireInstalled();
        hub = TestHub.demo(data);
        api = hub.client();
        browser = Browser.open(Browser.Screen.PHONE);
        languages = new ArrayList<>();
        for (Object o : new JsonArray(api.get("/static/i18n/index.json").body())) {
            JsonObject l = (JsonObject) o;
            if (!l.getBoolean("speechOnly", false)) {
                languages.add(l.getString("tag"));
            }
        }
        assertThat(languages).contains("zh-TW", "en");
    }

    @AfterAll
    void stop() {
        System.out.println("axe-core: " + checked + " page states checked in " + languages);
        if (browser != null) {
            browser.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void everyPageInEveryStateAndLanguageHasNoSeriousOrCriticalViolation() {
        // The lobby at mid-morning: 2001 did not come (no-show), 2002 is at counter 1, 2003 waits.
        String clerk1 = api.openCounter(1);
        String missed = api.issue("transcript").getString("id");
        String called = api.issue("transcript").getString("id");
        String waiting = api.issue("transcript").getString("id");
        api.callNext(1, clerk1);
        assertThat(api.post("/api/counters/1/no-show", clerk1, null).status()).isEqualTo(200);
        api.callNext(1, clerk1);

        screen(Browser.Screen.PHONE);
        phone(waiting, "waiting", "#number");
        phone(called, "called", "#called");
        phone(missed, "no-show", "#next-step");
        phone("no-such-ticket-id", "unknown", "#unknown");

        screen(Browser.Screen.BOARD);
        for (String tag : languages) {
            String second = tag.equals("en") ? "zh-TW" : "en";
            browser.go(hub.url("/board?voice=off&pace=0.05&lang=" + tag + "," + second));
            browser.waitForShown("#board");
            browser.waitFor("the board showing 2002 at counter 1",
                    d -> "2002".equals(browser.js("return document.getElementById('now').dataset.number;")) ? true : null);
            check("/board with calls (" + tag + ")");
        }

        screen(Browser.Screen.KIOSK);
        browser.go(hub.url("/kiosk"));
        for (String tag : languages) {
            browser.waitForShown("#start");
            language(tag);
            check("/kiosk start (" + tag + ")");
            browser.waitForShown(".service[data-service=transcript]").click();
            browser.waitForShown("#confirm");
            check("/kiosk service chosen (" + tag + ")");
            browser.find("#confirm-take").click();
            browser.waitForShown("#ticket");
            check("/kiosk slip (" + tag + ")");
            browser.find("#ticket-done").click();
        }

        screen(Browser.Screen.COUNTER);
        browser.signInPage(hub.url("/counter"));
        eachLanguage("/counter sign-in", "#login");
        browser.signIn("clerk2", "demo");
        browser.waitForShown("#counters button[data-counter='2']");
        eachLanguage("/counter choose a counter", "#pick");
        browser.find("#counters button[data-counter='2']").click();
        browser.waitForShown("#work");
        browser.find("#call-next").click();
        browser.waitForShown("#current-ticket");
        eachLanguage("/counter serving", "#work");

        screen(Browser.Screen.MANAGER);
        browser.signInPage(hub.url("/manager")).signIn("manager", "demo");
        browser.waitForShown("#tab-live");
        for (String tab : List.of("live", "history", "evaluation")) {
            browser.find("#tab-" + tab + "-button").click();
            browser.waitForShown("#tab-" + tab);
            eachLanguage("/manager " + tab + " tab", "#tab-" + tab);
        }

        screen(Browser.Screen.TABLET);
        browser.signInPage(hub.url("/volunteer"));
        eachLanguage("/volunteer sign-in", "#login");
        browser.signIn("volunteer", "demo");
        browser.waitForShown("#actions");
        eachLanguage("/volunteer lobby", "#actions");

        // The day is closed: the kiosk's start screen says so.
        assertThat(api.post("/api/day/close", api.login("manager"), null).status()).isBetween(200, 204);
        screen(Browser.Screen.KIOSK);
        browser.go(hub.url("/kiosk"));
        browser.waitForShown("#top");
        eachLanguage("/kiosk after the day closed", "body");
    }

    private void phone(String id, String state, String shown) {
        browser.go(hub.url("/t/" + id));
        browser.waitForShown(shown);
        eachLanguage("/t/{id} " + state, shown);
    }

    /** The page in each language, switched with its own buttons (the pages remember it per tab). */
    private void eachLanguage(String where, String shown) {
        for (String tag : languages) {
            language(tag);
            browser.waitForShown(shown);
            check(where + " (" + tag + ")");
        }
    }

    private void language(String tag) {
        List<WebElement> button = browser.all("#langs button[data-lang='" + tag + "']");
        assertThat(button).as("a language button for " + tag).isNotEmpty();
        button.get(0).click();
        browser.waitFor("the page in " + tag,
                d -> tag.equals(browser.js("return document.documentElement.lang;")) ? true : null);
    }

    private void check(String where) {
        browser.assertAccessible(where, ALSO);
        checked++;
    }

    private void screen(Browser.Screen s) {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", s.width,
                "height", s.height, "deviceScaleFactor", 1, "mobile", s == Browser.Screen.PHONE));
    }
}
