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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * Every page in every state a citizen or a clerk meets, in its languages: the citizens' pages (phone, board,
 * kiosk) in every language the hub offers (the files in webroot/i18n, found as the hub lists them, so a new
 * bundle is checked without touching this test), the staff pages (counter, manager, volunteer) in zh-TW and en,
 * the staff's languages. axe-core with its default rules plus {@code p-as-heading} finds no serious or critical
 * violation. One hub, one browser, resized to each screen; languages are switched with each page's own language
 * buttons where it has them. A new page state is one more {@link #check} (or {@link #eachLanguage},
 * {@link #eachStaffLanguage}) in the walk below.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageAccessibleTest {
    private static final List<String> ALSO = List.of("p-as-heading");
    /** The languages of the staff pages (the citizens' pages add vi, id, th and any other bundle). */
    private static final List<String> STAFF_LANGUAGES = List.of("zh-TW", "en");
    @TempDir
    static Path data;
    private TestHub hub;
    private HubClient api;
    private Browser browser;
    private List<String> languages;
    private int checked;
    /** Every state's violations, so one run names them all. */
    private final List<String> found = new ArrayList<>();

    @BeforeAll
    void start() {
        Browser.requireInstalled();
        // No minimum time between a call and a no-show: the test needs a missed number at once.
        hub = TestHub.demo(data, tw.queue.config.CounterRules.NONE);
        api = hub.client();
        browser = Browser.open(Browser.Screen.PHONE);
        languages = new ArrayList<>();
        for (Object o : new JsonArray(api.get("/static/i18n/index.json").body())) {
            JsonObject l = (JsonObject) o;
            if (!l.getBoolean("speechOnly", false)) {
                languages.add(l.getString("tag"));
            }
        }
        assertThat(languages).containsAll(STAFF_LANGUAGES);
    }

    @AfterAll
    void stop() {
        System.out.println("axe-core: " + checked + " page states checked, citizens' pages in " + languages
                + ", staff pages in " + STAFF_LANGUAGES);
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
        // the city's page on a hub that is not part of a city says so (CityPageTest has the city's states)
        browser.go(hub.url("/city"));
        browser.waitForShown("#message");
        eachLanguage("/city on a hub without a city", "#message");

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
            // With a counter open the number comes at once; the confirmation is for a service no counter serves.
            browser.waitForShown("#confirm, #ticket");
            if (browser.find("#confirm").isDisplayed()) {
                check("/kiosk service chosen (" + tag + ")");
                browser.find("#confirm-take").click();
            }
            browser.waitForShown("#ticket");
            check("/kiosk slip (" + tag + ")");
            browser.find("#ticket-done").click();
        }
        for (String tag : languages) {
            browser.waitForShown("#start");
            language(tag);
            browser.waitForShown(".service[data-service=turning]").click();
            browser.waitForShown("#confirm");
            check("/kiosk service no counter serves, asked to confirm (" + tag + ")");
            browser.find("#confirm-back").click();
        }

        screen(Browser.Screen.COUNTER);
        browser.signInPage(hub.url("/counter"));
        eachStaffLanguage("/counter sign-in", "#login", "queue.counter.lang");
        browser.signIn("clerk2", "demo");
        browser.waitForShown("#counters button[data-counter='2']");
        eachStaffLanguage("/counter choose a counter", "#pick", "queue.counter.lang");
        browser.find("#counters button[data-counter='2']").click();
        browser.waitForShown("#work");
        browser.find("#call-next").click();
        browser.waitForShown("#current-ticket");
        eachStaffLanguage("/counter serving", "#work", "queue.counter.lang");

        screen(Browser.Screen.MANAGER);
        browser.signInPage(hub.url("/manager")).signIn("manager", "demo");
        browser.waitForShown("#tab-live");
        for (String tab : List.of("live", "history", "evaluation")) {
            Runnable reach = () -> browser.waitForShown("#tab-" + tab + "-button").click();
            eachStaffLanguage("/manager " + tab + " tab", "#tab-" + tab, "queue.staff.lang", reach);
        }

        screen(Browser.Screen.TABLET);
        browser.signInPage(hub.url("/volunteer"));
        eachStaffLanguage("/volunteer sign-in", "#login", "queue.staff.lang");
        browser.signIn("volunteer", "demo");
        browser.waitForShown("#actions");
        eachStaffLanguage("/volunteer lobby", "#actions", "queue.staff.lang");

        // The day is closed: the kiosk's start screen says so.
        assertThat(api.post("/api/day/close", api.login("manager"), null).status()).isBetween(200, 204);
        screen(Browser.Screen.KIOSK);
        browser.go(hub.url("/kiosk"));
        browser.waitForShown("#top");
        eachLanguage("/kiosk after the day closed", "body");
        assertThat(found).as(checked + " page states").isEmpty();
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

    /**
     * A staff page in each staff language: the language its tab remembers (sessionStorage), then a reload, which
     * keeps the sign-in and the screen; the page starts in it.
     */
    private void eachStaffLanguage(String where, String shown, String key) {
        eachStaffLanguage(where, shown, key, () -> { });
    }

    /** The same, with {@code reach} run after each reload to come back to the state (a tab). */
    private void eachStaffLanguage(String where, String shown, String key, Runnable reach) {
        for (String tag : STAFF_LANGUAGES) {
            String value = key.equals("queue.counter.lang") ? "\"" + tag + "\"" : tag;
            browser.js("window.beforeReload = true; sessionStorage.setItem(arguments[0], arguments[1]);"
                    + " location.reload();", key, value);
            browser.waitFor("the page again, in " + tag, d -> Boolean.TRUE.equals(browser.js(
                    "return !window.beforeReload && document.documentElement.lang === arguments[0];", tag)) ? true : null);
            reach.run();
            browser.waitForShown(shown);
            check(where + " (" + tag + ")");
        }
    }

    private void language(String tag) {
        assertThat(browser.all("#langs button[data-lang='" + tag + "']")).as("a language button for " + tag).isNotEmpty();
        // Pressed again until the page is in that language: a page may redraw its buttons as it starts.
        browser.waitFor("the page in " + tag, d -> {
            if (tag.equals(browser.js("return document.documentElement.lang;"))) {
                return true;
            }
            browser.js("const b = document.querySelector(\"#langs button[data-lang='\" + arguments[0] + \"']\");"
                    + " if (b) b.click();", tag);
            return null;
        });
    }

    private void check(String where) {
        checked++;
        try {
            browser.assertAccessible(where, ALSO);
        } catch (AssertionError e) {
            found.add(e.getMessage());
        }
    }

    private void screen(Browser.Screen s) {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", s.width,
                "height", s.height, "deviceScaleFactor", 1, "mobile", s == Browser.Screen.PHONE));
    }
}
