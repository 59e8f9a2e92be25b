package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import tw.queue.hub.testing.TestHub;

/**
 * The kiosk for everyone who walks in: at 200% and 400% zoom (WCAG 1.4.4 and 1.4.10) on the 1080x1920 portrait
 * kiosk and a 1920x1080 landscape one, in each of the lobby's five languages, and on a day the manager closed.
 * Zoom is emulated as the browser does it: the CSS viewport shrinks by the factor and each CSS pixel is drawn
 * with factor device pixels. One demo hub and one browser; counter 5 is open, so transcripts (1-6, area A) have
 * a counter and no "no counter open" notice comes first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KioskForEveryoneTest {
    @TempDir
    static Path data;
    private TestHub hub;
    private Browser kiosk;

    /** A screen and a zoom factor: the CSS viewport is the screen divided by the factor. */
    record View(String name, int width, int height, int zoom) {
        int cssWidth() {
            return width / zoom;
        }

        int cssHeight() {
            return height / zoom;
        }
    }

    static final List<View> ZOOMED = List.of(
            new View("portrait-200", 1080, 1920, 2), new View("portrait-400", 1080, 1920, 4),
            new View("landscape-200", 1920, 1080, 2), new View("landscape-400", 1920, 1080, 4));

    @BeforeAll
    void openTheLobby() {
        Browser.requireInstalled();
        hub = TestHub.demo(data);
        hub.client().openCounter(5);
        kiosk = Browser.open(Browser.Screen.KIOSK);
        kiosk.go(hub.url("/kiosk"));
        kiosk.waitForShown("#start .service[data-service=transcript]");
    }

    @AfterAll
    void closeTheLobby() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private void view(View v) {
        kiosk.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", v.cssWidth(),
                "height", v.cssHeight(), "deviceScaleFactor", v.zoom(), "mobile", false));
        kiosk.waitFor("viewport " + v, d -> ((Number) kiosk.js("return innerWidth")).intValue() == v.cssWidth());
    }

    private void unzoomed(int width, int height) {
        view(new View(width + "x" + height, width, height, 1));
    }

    private void backToStart() {
        reset();
        kiosk.waitForShown("#start");
        kiosk.waitFor("the start screen in Chinese", d -> "zh-TW".equals(kiosk.find("html").getAttribute("lang")));
    }

    /** Back to the start screen as the next citizen finds it (the page's own reset: Chinese, nothing chosen). */
    private void reset() {
        kiosk.js("window.kiosk.reset()");
    }

    private void chooseLanguage(String tag) {
        kiosk.find("#langs button[data-lang='" + tag + "']").click();
        kiosk.waitFor("the kiosk in " + tag, d -> tag.equals(kiosk.find("html").getAttribute("lang")));
    }

    /** Boxes as [left, top, right, bottom] in CSS px of the viewport. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> geometry(String script) {
        return (Map<String, Object>) kiosk.js("const box = (r) => [r.left, r.top, r.right, r.bottom];" + script);
    }

    private static double[] box(Object list) {
        return ((List<?>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    private static void assertInside(String what, double[] inner, double[] outer) {
        assertThat(inner[0]).as(what + ": left edge").isGreaterThanOrEqualTo(outer[0] - 0.5);
        assertThat(inner[1]).as(what + ": top edge").isGreaterThanOrEqualTo(outer[1] - 0.5);
        assertThat(inner[2]).as(what + ": right edge").isLessThanOrEqualTo(outer[2] + 0.5);
        assertThat(inner[3]).as(what + ": bottom edge").isLessThanOrEqualTo(outer[3] + 0.5);
    }

    @Test
    @Order(1)
    void aCitizenWhoZoomsTo200Or400PercentSeesTheWholeNumberOnTheTicket() {
        for (View v : ZOOMED) {
            view(v);
            backToStart();
            kiosk.find(".service[data-service=transcript]").click();
            kiosk.waitForShown("#ticket");
            String number = kiosk.waitFor("a number", d -> {
                String n = kiosk.find("#ticket-number").getText();
                return n.matches("\\d{4}") ? n : null;
            });
            Map<String, Object> g = geometry("""
                    const n = document.getElementById('ticket-number');
                    const glyphs = document.createRange();
                    glyphs.selectNodeContents(n);
                    return {digits: box(glyphs.getBoundingClientRect()), element: box(n.getBoundingClientRect()),
                      card: box(n.closest('.ticket-card').getBoundingClientRect()),
                      viewport: [0, 0, document.documentElement.clientWidth, innerHeight],
                      overflowX: n.scrollWidth - n.clientWidth,
                      pageWidth: document.documentElement.scrollWidth, focused: document.activeElement.id};
                    """);
            double[] digits = box(g.get("digits"));
            String at = v.name() + " (ticket " + number + ", digits at " + java.util.Arrays.toString(digits) + ")";
            assertThat(g.get("focused")).as(at + ": focus on 完成").isEqualTo("ticket-done");
            assertInside(at + ": the number in the viewport, focus on 完成 notwithstanding", digits, box(g.get("viewport")));
            assertInside(at + ": the number in its card", digits, box(g.get("card")));
            double[] element = box(g.get("element"));
            assertThat(digits[0]).as(at + ": the number in its own box, left").isGreaterThanOrEqualTo(element[0] - 0.5);
            assertThat(digits[2]).as(at + ": the number in its own box, right").isLessThanOrEqualTo(element[2] + 0.5);
            assertThat(((Number) g.get("overflowX")).intValue()).as(at + ": the number overflows its box").isLessThanOrEqualTo(0);
            assertThat(((Number) g.get("pageWidth")).intValue()).as(at + ": no sideways scrolling (reflow)")
                    .isLessThanOrEqualTo(v.cssWidth());
            kiosk.screenshot("kiosk-ticket-" + v.name());
            kiosk.find("#ticket-done").click();
            kiosk.waitForShown("#start");
        }
    }

    @Test
    @Order(2)
    void theOnScreenKeyboardIsWholeAt200And400Percent() {
        for (View v : ZOOMED) {
            view(v);
            backToStart();
            kiosk.find("#checkin-open").click();
            kiosk.waitForShown("#checkin");
            Map<String, Object> g = geometry("""
                    const keys = [...document.querySelectorAll('#checkin-keys .key')];
                    return {keys: keys.map((k) => box(k.getBoundingClientRect())), labels: keys.map((k) => k.textContent),
                      clipped: keys.filter((k) => k.scrollWidth > k.clientWidth + 1).map((k) => k.textContent),
                      form: box(document.getElementById('checkin-form').getBoundingClientRect()),
                      viewport: [0, -1e6, document.documentElement.clientWidth, 1e6],
                      pageWidth: document.documentElement.scrollWidth};
                    """);
            List<?> keys = (List<?>) g.get("keys");
            List<?> labels = (List<?>) g.get("labels");
            assertThat(keys).as(v.name() + ": keys").hasSize(38);
            for (int i = 0; i < keys.size(); i++) {
                double[] key = box(keys.get(i));
                assertInside(v.name() + ": key " + labels.get(i) + " in the viewport", key, box(g.get("viewport")));
                assertInside(v.name() + ": key " + labels.get(i) + " in the form", key, box(g.get("form")));
                assertThat(key[2] - key[0]).as(v.name() + ": key " + labels.get(i) + " at least 24 px wide (WCAG 2.5.8)")
                        .isGreaterThanOrEqualTo(24);
            }
            assertThat((List<?>) g.get("clipped")).as(v.name() + ": keys whose label is cut").isEmpty();
            assertThat(((Number) g.get("pageWidth")).intValue()).as(v.name() + ": no sideways scrolling")
                    .isLessThanOrEqualTo(v.cssWidth());
            kiosk.find("#checkin-back").click();
        }
    }

    @Test
    @Order(3)
    void inEnglishTheCheckInButtonIsNeverUnderTheFooter() {
        List<View> views = new ArrayList<>(List.of(new View("portrait", 1080, 1920, 1), new View("landscape", 1920, 1080, 1)));
        views.addAll(ZOOMED);
        for (View v : views) {
            view(v);
            backToStart();
            chooseLanguage("en");
            kiosk.waitForText("#checkin-open", "Booked online?");
            Map<String, Object> g = geometry("""
                    const b = document.getElementById('checkin-open');
                    const before = box(b.getBoundingClientRect());
                    b.scrollIntoView({block: 'nearest'});
                    const r = b.getBoundingClientRect();
                    const footer = document.getElementById('bottom').getBoundingClientRect();
                    // what a finger finds at the button's corners and middle, once it is scrolled to
                    const at = (x, y) => { const e = document.elementFromPoint(x, y); return !!e && b.contains(e); };
                    // (inside the rounded corners: 1.5rem in from the sides, a few px up from the bottom edge)
                    const inset = 1.5 * parseFloat(getComputedStyle(document.documentElement).fontSize);
                    return {before: before, footerTop: footer.top, innerHeight: innerHeight,
                      touch: [at(r.left + inset, r.bottom - 3), at(r.right - inset, r.bottom - 3), at((r.left + r.right) / 2, (r.top + r.bottom) / 2)]};
                    """);
            assertThat(((List<?>) g.get("touch")).stream().map(String::valueOf).toList())
                    .as(v.name() + ": the check-in button's corners and middle under a finger (button at "
                            + g.get("before") + ", footer from " + g.get("footerTop") + ")").containsOnly("true");
            if (v.zoom() == 1 && v.width() < v.height()) {
                assertThat(box(g.get("before"))[3]).as(v.name() + ": the check-in button above the footer without scrolling")
                        .isLessThanOrEqualTo(((Number) g.get("footerTop")).doubleValue());
            }
            reset();
        }
        unzoomed(1080, 1920);
        backToStart();
    }

    @Test
    @Order(4)
    void theSlipNamesTheCountersAndStaysUntilTouchedOrThirtySecondsPass() {
        unzoomed(1080, 1920);
        backToStart();
        kiosk.find(".service[data-service=transcript]").click();
        kiosk.waitForShown("#ticket");
        // counters 1-6 take transcripts first, all in area A (the sample office)
        kiosk.waitForText("#ticket-where", "1–6");
        assertThat(kiosk.find("#ticket-where").getText()).contains("A 區");
        kiosk.screenshot("kiosk-slip-where-zh-TW");
        kiosk.assertAccessible("/kiosk slip with its counters");

        slipClockAt(12_000);
        assertThat(kiosk.find("#ticket").isDisplayed()).as("the slip still there 12 s later").isTrue();
        slipClockAt(29_000);
        assertThat(kiosk.find("#ticket").isDisplayed()).as("the slip still there 29 s later").isTrue();
        slipClockAt(30_500);
        kiosk.waitForShown("#start");

        kiosk.find(".service[data-service=transcript]").click();
        kiosk.waitForShown("#ticket");
        kiosk.find("#ticket-number").click();
        kiosk.waitForShown("#start");
    }

    /** Moves the kiosk's clock to this long after the slip appeared (the page's test hook; no sleeping). */
    private void slipClockAt(long ms) {
        kiosk.js("const k = window.kiosk; k.advanceClock(k.slipShownAt + arguments[0] - (Date.now() + k.clockOffset));", ms);
    }

    @Test
    @Order(5)
    void everyLanguageOfTheLobbyReadsInItsOwnWords() throws Exception {
        unzoomed(1080, 1920);
        backToStart();
        JsonObject office = hub.client().get("/api/office").json();
        JsonObject transcript = office.getJsonArray("services").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("id").equals("transcript")).findFirst().orElseThrow();
        List<String> names = kiosk.all("#langs button").stream().map(b -> b.getText()).toList();
        assertThat(names).as("each language by its own name").contains("中文", "English", "Tiếng Việt",
                "Bahasa Indonesia", "ภาษาไทย");
        kiosk.driver.executeCdpCommand("DOM.enable", Map.of());
        kiosk.driver.executeCdpCommand("CSS.enable", Map.of());
        for (String tag : List.of("zh-TW", "en", "vi", "id", "th")) {
            JsonObject bundle = WebBundlesTest.bundle(tag);
            chooseLanguage(tag);
            kiosk.waitForText("#start-title", bundle.getString("kiosk.choose"));
            String service = transcript.getJsonObject("names").getString(tag);
            assertThat(service).as("the sample office names transcripts in " + tag).isNotBlank();
            kiosk.waitForText(".service[data-service=transcript] .name", service);
            Path shot = kiosk.screenshot("kiosk-start-" + tag);
            assertThat(Files.size(shot)).isPositive();
            String text = kiosk.text();
            assertThat(text).as("the page in " + tag).contains(bundle.getString("kiosk.choose"), service,
                    bundle.getString("priority.elderly"), bundle.getString("kiosk.help"));
            if (!tag.equals("zh-TW")) {
                assertThat(text).as("no Chinese left on the page in " + tag).doesNotContain("請選擇您要辦理的服務", "戶籍謄本", "65 歲以上長者");
            }
            Map<String, Object> g = geometry("""
                    return {button: box(document.getElementById('checkin-open').getBoundingClientRect()),
                      footerTop: document.getElementById('bottom').getBoundingClientRect().top};
                    """);
            assertThat(box(g.get("button"))[3]).as("in " + tag + " the check-in button above the footer without scrolling")
                    .isLessThanOrEqualTo(((Number) g.get("footerTop")).doubleValue());
            List<String> fonts = fontsOf("#start-title");
            assertThat(fonts).as("fonts drawing the title in " + tag + " (a real font, not the Unifont fallback)")
                    .isNotEmpty().noneMatch(f -> f.toLowerCase().contains("unifont") || f.toLowerCase().contains("last resort"));
            if (tag.equals("th")) {
                assertThat(fonts).as("a Thai font draws Thai").anyMatch(f -> f.contains("Thai"));
            }
        }
        assertThat(pluralsIn("en")).containsExactly("1 person ahead of you", "3 people ahead of you");
        assertThat(pluralsIn("vi")).containsExactly("Còn 1 người trước bạn", "Còn 3 người trước bạn");
        reset();
    }

    /** The fonts Chromium drew the element's text with (CDP CSS.getPlatformFontsForNode). */
    @SuppressWarnings("unchecked")
    private List<String> fontsOf(String css) {
        Map<String, Object> doc = kiosk.driver.executeCdpCommand("DOM.getDocument", Map.of("depth", 0));
        Object root = ((Map<String, Object>) doc.get("root")).get("nodeId");
        Map<String, Object> found = kiosk.driver.executeCdpCommand("DOM.querySelector", Map.of("nodeId", root, "selector", css));
        Map<String, Object> fonts = kiosk.driver.executeCdpCommand("CSS.getPlatformFontsForNode",
                Map.of("nodeId", found.get("nodeId")));
        return ((List<Map<String, Object>>) fonts.get("fonts")).stream().map(f -> String.valueOf(f.get("familyName"))).toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> pluralsIn(String tag) {
        Object r = kiosk.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/static/js/i18n.js').then((m) => m.loadLanguage(arguments[0]))
                  .then((l) => done([l.t('kiosk.ticket.ahead', {n: 1}), l.t('kiosk.ticket.ahead', {n: 3})]))
                  .catch((e) => done(['failed: ' + e]));
                """, tag);
        return (List<String>) r;
    }

    @Test
    @Order(6)
    void onADayTheManagerClosedTheStartScreenSaysSoAndOffersNoService() {
        unzoomed(1080, 1920);
        backToStart();
        String manager = hub.client().login("manager");
        assertThat(hub.client().post("/api/day/close", manager, null).status()).isEqualTo(200);
        try {
            kiosk.waitForText("#closed-title", "今日已停止抽號");
            // the day is closed for today: the next opening is on a later date, not this evening's hours
            JsonObject queue = hub.client().queue();
            java.time.ZoneId tz = java.time.ZoneId.of(hub.client().get("/api/office").json().getString("timezone"));
            assertThat(java.time.Instant.parse(queue.getString("nextOpening")).atZone(tz).toLocalDate())
                    .as("next opening after a closed day").isAfter(java.time.LocalDate.now(tz));
            String next = kiosk.find("#closed-next").getText();
            assertThat(next).as("the next opening").startsWith("下次服務時間：").matches(".*\\d.*");
            assertThat(kiosk.all(".service").stream().filter(b -> b.isDisplayed()).toList())
                    .as("service buttons to press on a closed day").isEmpty();
            assertThat(kiosk.find("#checkin-open").isDisplayed()).as("the check-in button on a closed day").isFalse();
            kiosk.screenshot("kiosk-day-closed");
            kiosk.assertAccessible("/kiosk on a closed day");
            chooseLanguage("en");
            kiosk.waitForText("#closed-title", WebBundlesTest.bundle("en").getString("kiosk.dayClosed.title"));
        } finally {
            assertThat(hub.client().post("/api/day/open", manager, null).status()).isEqualTo(200);
        }
        kiosk.waitForShown("#start .service[data-service=transcript]");
    }
}
