package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import tw.queue.config.CounterRules;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * The lobby TV on a busy morning, one demo hub (no double-press guard, so a counter may call again at once)
 * and one board browser for the class: what the board shows never waits for what it says; what it says
 * drops calls the counter has moved past and puts recalls first; a reloaded board knows who is at each
 * counter; nothing is cut off at the TV's size or a small monitor's; the waiting view reads from 8 m.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LobbyBoardShowsTheTruthTest {
    @TempDir
    static Path data;
    private TestHub hub;
    private HubClient calls;
    private Browser board;
    private final Map<Integer, String> clerks = new HashMap<>();
    /** What each counter called last, as the hub answered. */
    private final Map<Integer, Integer> serving = new HashMap<>();
    private int newestCounter;

    @BeforeAll
    void openTheOffice() {
        Browser.requireInstalled();
        // The browser starts while the hub does.
        var opening = java.util.concurrent.CompletableFuture.supplyAsync(() -> Browser.withSound(Browser.Screen.BOARD));
        try {
            hub = TestHub.demo(data, CounterRules.NONE);
        } finally {
            board = opening.join();
        }
        calls = hub.client();
    }

    @AfterAll
    void closeTheOffice() {
        if (board != null) {
            board.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void aHakkaBoardCalls2001ToCounter5FromTheHakkaClips() {
        open("/board?speak=zh-TW,hak,en&voice=clips&pace=0.1");
        calls.issue("transcript");
        assertThat(call(5)).isEqualTo(2001);
        board.waitFor(Duration.ofSeconds(15), "2001 at counter 5 announced", d -> !announced().isEmpty());
        Map<String, Object> a = announced().get(0);
        assertThat(a.get("number")).isEqualTo(2001L);
        assertThat(a.get("how").toString()).isEqualTo("[clips:zh-TW, clips:hak, clips:en]");
        @SuppressWarnings("unchecked")
        List<String> played = (List<String>) a.get("clips");
        List<String> hakka = played.stream().filter(c -> c.startsWith("hak/")).toList();
        assertThat(hakka).as("the Hakka clips the board played, in order")
                .isEqualTo(HakkaCallClipsTest.CALL_2001_TO_5.stream().map(c -> "hak/" + c).toList());
        assertThat(played.indexOf("hak/qing")).as("Hakka after Mandarin, before English")
                .isGreaterThan(played.indexOf("zh-TW/guitai")).isLessThan(played.indexOf("en/number"));
    }

    @Test
    @Order(2)
    void tenCallsAtTenCountersWithinTwoSecondsAreAllOnTheBoardAtOnceWhileTheVoiceCatchesUp() {
        open("/board?voice=clips");
        for (int i = 0; i < 10; i++) {
            calls.issue("transcript");
        }
        int[] counters = {1, 2, 3, 4, 6, 7, 8, 9, 10, 11};
        for (int n : counters) {
            clerk(n);
        }
        board.js("window.flashes = 0; document.getElementById('now-panel')"
                + ".addEventListener('animationstart', () => window.flashes++);");
        // All ten at once, as ten clerks pressing within the same second.
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<HubClient.Response>> presses = new ArrayList<>();
        for (int n : counters) {
            presses.add(calls.postAsync("/api/counters/" + n + "/call-next", clerk(n), null));
        }
        List<JsonObject> called = presses.stream().map(java.util.concurrent.CompletableFuture::join)
                .peek(r -> assertThat(r.status()).as("call-next: %s", r.body()).isEqualTo(200))
                .map(r -> r.json().getJsonObject("ticket")).toList();
        long calledMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(calledMs).as("ten calls made within two seconds").isLessThan(2000);
        List<Integer> numbers = called.stream().map(t -> t.getInteger("number")).toList();
        called.forEach(t -> serving.put(t.getInteger("counter"), t.getInteger("number")));
        assertThat(called.stream().map(t -> t.getString("calledAt")).distinct().count())
                .as("one instant per call (the newest is the latest)").isEqualTo(10);
        JsonObject last = called.stream().max(java.util.Comparator.comparing(t -> java.time.Instant.parse(t.getString("calledAt"))))
                .orElseThrow();
        int newest = last.getInteger("number");
        newestCounter = last.getInteger("counter");

        long t0 = System.nanoTime();
        board.waitFor(Duration.ofSeconds(1), "the newest call, " + newest + " at counter " + newestCounter
                + ", on the big panel", d -> board.js("const now = document.getElementById('now');"
                        + "return now.dataset.number === arguments[0] && now.dataset.counter === arguments[1]"
                        + " && !document.getElementById('now-number').hidden;",
                        String.valueOf(newest), String.valueOf(newestCounter)));
        long panelMs = (System.nanoTime() - t0) / 1_000_000;
        board.waitFor(Duration.ofSeconds(1), "all ten on the board", d -> shownNumbers().containsAll(numbers));
        System.out.printf("board: ten calls in %d ms; the newest on the big panel %d ms after the last answer%n",
                calledMs, panelMs);
        List<Integer> shown = shownNumbers();
        assertThat(shown).as("each call once, on the big panel or the list (and counter 5's 2001)")
                .containsExactlyInAnyOrderElementsOf(serving.values());
        assertThat(board.find("#recent").getText()).doesNotContain("尚未叫號");
        assertThat(((Number) board.js("return window.flashes")).intValue())
                .as("flashes begun by ten calls in a second (one flash lasts three seconds)").isEqualTo(1);
        // The voice is far behind (a few seconds per call): the picture did not wait for it.
        assertThat(announced().size()).as("calls already announced").isLessThan(3);
        assertThat(speechQueue()).as("calls waiting to be spoken").hasSizeGreaterThan(5);
        board.screenshot("board-ten-calls");
    }

    @Test
    @Order(3)
    void aBoardReloadedMidMorningShowsEveryCountersCurrentNumber() {
        open("/board?voice=off");
        board.waitFor("the big panel shows counter " + newestCounter + "'s " + serving.get(newestCounter),
                d -> board.js("return document.getElementById('now').dataset.number === arguments[0]"
                        + " && document.getElementById('now').dataset.counter === arguments[1];",
                        String.valueOf(serving.get(newestCounter)), String.valueOf(newestCounter)));
        assertThat(board.find("#now-empty").isDisplayed()).as("「尚未叫號」 while counters serve").isFalse();
        board.waitFor("every counter's current number on the board",
                d -> shownNumbers().containsAll(serving.values()));
        for (var e : serving.entrySet()) {
            assertThat((Boolean) board.js("return [...document.querySelectorAll('#recent li, #now')]"
                    + ".some(x => x.dataset.number === arguments[0] && x.dataset.counter === arguments[1]);",
                    String.valueOf(e.getValue()), String.valueOf(e.getKey())))
                    .as("%d at counter %d", e.getValue(), e.getKey()).isTrue();
        }
        assertThat(shownNumbers()).doesNotHaveDuplicates();
    }

    @Test
    @Order(4)
    void aRecallIsSpokenNextAndACallItsCounterHasMovedPastIsNotSpokenAtAll() {
        open("/board?voice=clips&pace=0.15");
        for (int i = 0; i < 4; i++) {
            calls.issue("transcript");
        }
        int b = call(2);
        board.waitFor("the board speaking " + b, d -> (b + "@2").equals(board.js("return document.getElementById('board').dataset.speaking")));
        int a = call(1);
        int c = call(3);
        board.waitFor("two calls waiting behind it", d -> speechQueue().containsAll(List.of(a + "@1", c + "@3")));
        int a2 = call(1);
        // Counter 1 has called someone else since: its first call leaves the queue unspoken.
        board.waitFor("counter 1's first call dropped", d -> !speechQueue().contains(a + "@1")
                && speechQueue().contains(a2 + "@1"));
        assertThat(speechQueue()).containsExactly(c + "@3", a2 + "@1");

        calls.post("/api/counters/2/recall", clerk(2), null);
        board.waitFor("the recall of " + b + " next in line", d -> {
            List<String> q = speechQueue();
            return !q.isEmpty() && q.get(0).equals(b + "@2!");
        });
        board.waitFor(Duration.ofSeconds(10), "the recall spoken", d -> announced().stream()
                .map(LobbyBoardShowsTheTruthTest::key).toList().contains(b + "@2!"));
        List<String> spoken = announced().stream().map(LobbyBoardShowsTheTruthTest::key).toList();
        assertThat(spoken).as("spoken so far").doesNotContain(a + "@1", a2 + "@1").contains(b + "@2");
        assertThat(speechQueue()).as("still to say").doesNotContain(a + "@1");
    }

    @Test
    @Order(5)
    void aServiceNoOneIsWaitingForShowsNoMinutes() {
        open("/board?voice=off");
        JsonObject appointment = service("appointment");
        assertThat(appointment.getInteger("waiting")).isZero();
        assertThat(appointment.getInteger("openCounters")).isPositive();
        board.waitForShown("#waiting tr[data-service=appointment]");
        String row = board.find("#waiting tr[data-service=appointment]").getText();
        assertThat(board.find("#waiting tr[data-service=appointment] .waiting-count").getText()).isEqualTo("0");
        assertThat(board.find("#waiting tr[data-service=appointment] .waiting-estimate").getText())
                .as("the estimate beside 0 waiting (row: %s)", row).doesNotContainPattern("[0-9]");
    }

    @Test
    @Order(6)
    void noRowIsCutOffOnTheTvNorOnASmallMonitor() {
        // With the manager's scrolling announcement along the bottom, taking its height from the panels.
        assertThat(calls.send("PUT", "/api/announcement", calls.login("manager"), new JsonObject().put("texts",
                new JsonObject().put("zh-TW", "本所週三延長服務至晚上 8 點。").put("en", "Open until 8 pm on Wednesdays.")))
                .status()).isEqualTo(200);
        open("/board?voice=off");
        board.waitForShown("#marquee");
        board.waitFor("at least eight last calls listed", d -> board.all("#recent li").size() >= 8);
        for (Browser.Screen size : List.of(Browser.Screen.BOARD, Browser.Screen.COUNTER)) {
            resize(size.width, size.height);
            List<String> cut = clipped("#recent li", ".recent");
            cut.addAll(clipped("#waiting tr", ".waiting"));
            assertThat(cut).as("rows cut off at %dx%d", size.width, size.height).isEmpty();
            Map<String, Object> row7 = rect("#recent li:nth-child(7)");
            Map<String, Object> row8 = rect("#recent li:nth-child(8)");
            System.out.printf("board at %dx%d: last calls row 7 %s, row 8 %s, panel %s%n", size.width, size.height,
                    row7, row8, rect(".recent"));
            board.screenshot("board-" + size.width + "x" + size.height);
        }
        resize(Browser.Screen.BOARD.width, Browser.Screen.BOARD.height);
    }

    @Test
    @Order(7)
    void theWaitingViewReadsFromEightMetresOnA55InchScreen() {
        open("/board?view=waiting&voice=off&pageSeconds=1");
        board.waitForShown("#waiting tr");
        // 1 inch of letter per 10 ft: 8 m (26.2 ft) wants 2.62 in = 66.7 mm; a 55" 1920x1080 screen is
        // 1218 mm wide, 0.634 mm a pixel: 105 px of ink for a Chinese character or a digit.
        double minInk = 66.7 / 0.634;
        @SuppressWarnings("unchecked")
        Map<String, Object> ink = (Map<String, Object>) board.js(
                "const row = [...document.querySelectorAll('#waiting tr')].find(r => !r.hidden);"
                        + "const ctx = document.createElement('canvas').getContext('2d');"
                        + "const inkOf = (el, text) => { const s = getComputedStyle(el);"
                        + "  ctx.font = s.fontWeight + ' ' + s.fontSize + ' ' + s.fontFamily;"
                        + "  const m = ctx.measureText(text); return m.actualBoundingBoxAscent + m.actualBoundingBoxDescent; };"
                        + "return {name: inkOf(row.querySelector('th .l1'), '戶'),"
                        + " count: inkOf(row.querySelector('.waiting-count'), '0'),"
                        + " perPage: [...document.querySelectorAll('#waiting tr')].filter(r => !r.hidden).length};");
        System.out.printf("board?view=waiting: ink of a Chinese name %.0f px, of a digit %.0f px (want %.0f), %s rows a page%n",
                num(ink.get("name")), num(ink.get("count")), minInk, ink.get("perPage"));
        assertThat(num(ink.get("name"))).as("a Chinese character's height, px").isGreaterThanOrEqualTo(minInk);
        assertThat(num(ink.get("count"))).as("a digit's height, px").isGreaterThanOrEqualTo(minInk);
        assertThat(clipped("#waiting tr:not([hidden])", ".waiting")).isEmpty();
        // The pages take turns: every service comes up.
        List<String> services = hub.client().queue().getJsonArray("services").stream()
                .map(o -> ((JsonObject) o).getString("id")).toList();
        List<String> seen = new ArrayList<>();
        board.waitFor(Duration.ofSeconds(30), "every service shown on some page", d -> {
            for (var r : board.all("#waiting tr")) {
                if (r.isDisplayed() && !seen.contains(r.getAttribute("data-service"))) {
                    seen.add(r.getAttribute("data-service"));
                }
            }
            return seen.containsAll(services);
        });
        board.screenshot("board-waiting-view");
    }

    private void open(String path) {
        board.go(hub.url(path));
        board.waitForShown("#waiting tr[data-service=transcript]");
        board.waitFor("the board following the hub", d -> board.js("return !!(window.board && window.board.queue)"));
    }

    private String clerk(int n) {
        return clerks.computeIfAbsent(n, calls::openCounter);
    }

    private int call(int n) {
        int number = calls.callNext(n, clerk(n)).getInteger("number");
        serving.put(n, number);
        newestCounter = n;
        return number;
    }

    private JsonObject service(String id) {
        return calls.queue().getJsonArray("services").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("id").equals(id)).findFirst().orElseThrow();
    }

    private List<Integer> shownNumbers() {
        return new JsonArray((String) board.js("return JSON.stringify([...document.querySelectorAll('#recent li, #now')]"
                + ".filter(e => e.dataset.number).map(e => Number(e.dataset.number)))"))
                .stream().map(o -> ((Number) o).intValue()).toList();
    }

    /** The board's speech queue, as the page shows it for tests: "2001@5", a recall "2001@5!". */
    private List<String> speechQueue() {
        String q = (String) board.js("return document.getElementById('board').dataset.speechQueue || ''");
        return q.isBlank() ? List.of() : List.of(q.trim().split("\\s+"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> announced() {
        return (List<Map<String, Object>>) board.js("return window.board.announced");
    }

    private static String key(Map<String, Object> a) {
        return a.get("number") + "@" + a.get("counter") + (Boolean.TRUE.equals(a.get("recall")) ? "!" : "");
    }

    private void resize(int width, int height) {
        board.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", height, "deviceScaleFactor", 1, "mobile", false));
        board.waitFor("the viewport at " + width + "x" + height, d -> board.js(
                "return innerWidth === arguments[0] && innerHeight === arguments[1]", width, height));
        // Let the layout settle (the page listens for resize).
        board.js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    }

    /** The rows matched by css that are not wholly inside their panel and the viewport, or overflow themselves. */
    @SuppressWarnings("unchecked")
    private List<String> clipped(String css, String panel) {
        return new ArrayList<>((List<String>) board.js(
                "const panel = document.querySelector(arguments[1]).getBoundingClientRect();"
                        + "const out = [];"
                        + "document.querySelectorAll(arguments[0]).forEach((row, i) => {"
                        + "  if (row.hidden || row.offsetParent === null) return;"
                        + "  const r = row.getBoundingClientRect();"
                        + "  const inside = (x) => x.top >= panel.top - 0.5 && x.bottom <= panel.bottom + 0.5"
                        + "    && x.left >= panel.left - 0.5 && x.right <= panel.right + 0.5"
                        + "    && x.bottom <= innerHeight + 0.5 && x.right <= innerWidth + 0.5;"
                        + "  const parts = [row, ...row.querySelectorAll('span, th, td')];"
                        + "  for (const p of parts) {"
                        + "    const pr = p.getBoundingClientRect();"
                        + "    if (pr.width === 0 && pr.height === 0) continue;"
                        + "    if (!inside(pr) || p.scrollWidth > p.clientWidth + 1 && getComputedStyle(p).overflow !== 'visible') {"
                        + "      out.push('row ' + (i + 1) + ' ' + (p.className || p.tagName) + ' ' + JSON.stringify(pr) + ' in ' + JSON.stringify(panel));"
                        + "      return; } } });"
                        + "return out;", css, panel));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rect(String css) {
        return (Map<String, Object>) board.js("const e = document.querySelector(arguments[0]);"
                + "if (!e) return null; const r = e.getBoundingClientRect();"
                + "return {top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right)};", css);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }
}
