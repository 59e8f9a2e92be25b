package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tw.queue.hub.testing.HistoryGenerator;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;
import tw.queue.hub.testing.TestHub;
import tw.queue.time.ManualClock;

/**
 * The manager's History and Evaluation tabs on a hub with three weeks of November behind it (15 office days of
 * 200 visits, written through the event log) and a clock at Tuesday 1 December, 09:00: the tables show what the
 * API answers, the charts are drawn, the month's workbook downloads and matches the report, the report prints
 * alone; a citizen's rating from the phone page shows in December's report.
 */
class ManagerHistoryAndEvaluationTest {
    static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
    static final String FROM = "2026-11-02";
    static final String TO = "2026-11-20";
    static final String NOVEMBER = "2026-11";
    /** What a page may take on a shared, loaded machine: the waits end as soon as their condition holds. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path data;
    @TempDir
    static Path downloads;
    static final ManualClock CLOCK = new ManualClock(HubPerTest.TUESDAY_NINE_AM);
    static TestHub hub;
    static HubClient calls;
    static String manager;

    @BeforeAll
    static void threeWeeksOfNovember() throws Exception {
        long t0 = System.nanoTime();
        new HistoryGenerator(TestHub.DEMO, 200, 11).write(data, FIRST, 15);
        long t1 = System.nanoTime();
        hub = TestHub.demoOn(data, CLOCK);
        System.out.printf("November's history written in %.1f s, the hub started on it in %.1f s%n",
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        calls = hub.client();
        manager = calls.login("manager");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void theManagerReadsNovembersHistoryThenDownloadsAndPrintsTheMonthsCounterEvaluation() throws Exception {
        try (Browser b = Browser.open(Browser.Screen.MANAGER)) {
            b.signInPage(hub.url("/manager")).signIn("manager", "demo");
            b.waitForShown("#tab-history-button").click();
            b.waitForShown("#history-range");
            b.find("#history-range input[value='custom']").click();
            // A range that ends before it starts: the hub's refusal, in the page's language, and no figures.
            setRange(b, TO, FROM);
            b.find("#history-show").click();
            waitForText(b, "#history-status.error", "期間的結束日（" + FROM + "）早於開始日（" + TO + "）");
            assertThat(b.find("#history-table-service tbody").getText()).isEqualTo("此期間沒有資料。");

            setRange(b, FROM, TO);
            b.find("#history-show").click();
            b.waitFor(PATIENCE, "November's history in the tables", d -> (FROM + "/" + TO)
                    .equals(b.js("return document.getElementById('tab-history').dataset.loaded")));

            // The per-service table says what GET /api/stats/summary says, in minutes and shares.
            JsonObject summary = get("/api/stats/summary?from=" + FROM + "&to=" + TO + "&by=service");
            JsonArray rows = summary.getJsonArray("rows");
            assertThat(rows).hasSizeGreaterThan(3);
            assertThat(b.all("#history-table-service tbody tr")).hasSize(rows.size());
            for (Object o : rows) {
                JsonObject r = (JsonObject) o;
                String row = "#history-table-service tr[data-key='" + r.getString("key") + "'] ";
                assertThat(cell(b, row, "key")).isNotBlank().isNotEqualTo(r.getString("key"));
                assertThat(cell(b, row, "count")).isEqualTo(String.format(Locale.US, "%,d", r.getInteger("count")));
                for (String m : List.of("waitMean", "waitP50", "waitP90", "waitMax", "serviceMean")) {
                    assertThat(cell(b, row, m)).as(r.getString("key") + " " + m).isEqualTo(minutes(r.getDouble(m)));
                }
                assertThat(cell(b, row, "withinTarget")).isEqualTo(share(r.getDouble("withinTarget")));
                assertThat(cell(b, row, "noShows")).isEqualTo(String.valueOf(r.getInteger("noShows")));
                assertThat(cell(b, row, "transfers")).isEqualTo(String.valueOf(r.getInteger("transfers")));
                JsonObject ratings = r.getJsonObject("ratings");
                int rated = ratings.getInteger("satisfied") + ratings.getInteger("neutral") + ratings.getInteger("dissatisfied");
                assertThat(cell(b, row, "satisfaction"))
                        .isEqualTo(share(ratings.getInteger("satisfied") / (double) rated) + "（" + rated + " 則）");
            }
            assertThat(b.all("#history-table-counter tbody tr")).hasSize(25);
            assertThat(b.all("#history-table-clerk tbody tr")).hasSize(25);
            assertThat(b.all("#history-table-hour tbody tr")).hasSizeGreaterThanOrEqualTo(8);

            // The charts are drawn, each named by a summary a screen reader reads.
            assertDrawn(b, "chart-heatmap", "平均等候熱度圖");
            assertDrawn(b, "chart-counters", "25 個櫃檯");
            // The histogram and the queue length come from endpoints another piece of work adds: drawn when the
            // hub answers them, otherwise the panel says the data is not there yet.
            assertDrawnIfOffered(b, "chart-histogram", "/api/stats/histogram?from=" + FROM + "&to=" + TO + "&measure=wait");
            assertDrawnIfOffered(b, "chart-queue", "/api/stats/queue-length?date=" + TO);
            assertThat(b.text()).doesNotContain("history.");
            b.assertAccessible("/manager History");
            b.screenshot("history-range");
            b.js("document.querySelector('.history-charts').scrollIntoView()");
            b.screenshot("history-charts");
            b.js("document.getElementById('history-table-service').scrollIntoView()");
            b.screenshot("history-tables");

            // The month's evaluation: the counters ranked as the report ranks them, with its figures.
            b.find("#tab-evaluation-button").click();
            b.waitForShown("#evaluation-form");
            b.js("document.getElementById('evaluation-month').value = arguments[0];", NOVEMBER);
            b.find("#evaluation-show").click();
            b.waitFor(PATIENCE, "November's evaluation", d -> NOVEMBER.equals(
                    b.js("return document.getElementById('tab-evaluation').dataset.loaded")));
            JsonObject report = get("/api/reports/monthly?month=" + NOVEMBER);
            JsonArray counters = report.getJsonArray("counters");
            assertThat(counters).hasSize(25);
            List<String> shownOrder = b.all("#evaluation-counters tbody tr").stream()
                    .map(tr -> tr.getAttribute("data-key")).toList();
            assertThat(shownOrder).containsExactlyElementsOf(
                    counters.stream().map(o -> ((JsonObject) o).getString("key")).toList());
            int suspicious = 0;
            for (Object o : counters) {
                JsonObject l = (JsonObject) o;
                String row = "#evaluation-counters tr[data-key='" + l.getString("key") + "'] ";
                assertThat(cell(b, row, "rank")).isEqualTo(String.valueOf(l.getInteger("rank")));
                assertThat(cell(b, row, "key")).isEqualTo(l.getString("key") + " 號櫃檯");
                assertThat(cell(b, row, "served")).isEqualTo(String.valueOf(l.getInteger("served")));
                assertThat(cell(b, row, "serviceMean")).isEqualTo(minutes(l.getDouble("serviceMean")));
                assertThat(cell(b, row, "waitMean")).isEqualTo(minutes(l.getDouble("waitMean")));
                assertThat(cell(b, row, "waitP90")).isEqualTo(minutes(l.getDouble("waitP90")));
                assertThat(cell(b, row, "noShowRate"))
                        .isEqualTo(share(l.getDouble("noShowRate")) + "（" + l.getInteger("noShows") + "）");
                assertThat(cell(b, row, "withinTarget")).isEqualTo(share(l.getDouble("withinTarget")));
                assertThat(cell(b, row, "suspicious")).isEqualTo(String.valueOf(l.getInteger("suspicious")));
                suspicious += l.getInteger("suspicious");
            }
            assertThat(suspicious).as("the generator's double presses").isPositive();
            assertThat(b.find("#evaluation-report-notes").getText()).contains("共 " + suspicious + " 件");
            assertThat(b.all("#evaluation-clerks tbody tr")).hasSize(report.getJsonArray("clerks").size());
            assertThat(b.text()).doesNotContain("evaluation.");
            b.assertAccessible("/manager Evaluation");
            b.screenshot("evaluation");

            // Ranked by another figure: the shortest mean wait first.
            b.js("const s = document.getElementById('evaluation-rank'); s.value = 'waitMean';"
                    + "s.dispatchEvent(new Event('change'));");
            JsonObject shortest = counters.stream().map(JsonObject.class::cast)
                    .min((x, y) -> Double.compare(x.getDouble("waitMean"), y.getDouble("waitMean"))).orElseThrow();
            b.waitFor(PATIENCE, "ranked by mean wait", d -> unlessRedrawn(() -> shortest.getString("key").equals(
                    b.find("#evaluation-counters tbody tr").getAttribute("data-key"))));
            WebElement sorted = b.find("#evaluation-counters thead th[aria-sort]");
            assertThat(sorted.getText()).contains("民眾平均等候");
            assertThat(sorted.getAttribute("aria-sort")).isEqualTo("ascending");

            // The workbook, fetched with the manager's token and saved by the browser, holds the report's numbers.
            b.downloadsTo(downloads);
            b.find("#evaluation-xlsx").click();
            Path xlsx = downloads.resolve("counter-evaluation-" + NOVEMBER + ".xlsx");
            b.waitFor(PATIENCE, "the workbook saved", d -> Files.isRegularFile(xlsx) && noPartialDownloads());
            waitForText(b, "#evaluation-status", "已下載 counter-evaluation-" + NOVEMBER + ".xlsx");
            try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook book = new XSSFWorkbook(in)) {
                assertThat(book.getNumberOfSheets()).isEqualTo(2);
                assertSheetIs(book.getSheetAt(0), counters);
                assertSheetIs(book.getSheetAt(1), report.getJsonArray("clerks"));
            }

            // The CSV the same way: one table, both views, a byte-order mark for Excel.
            b.find("#evaluation-csv").click();
            Path csv = downloads.resolve("counter-evaluation-" + NOVEMBER + ".csv");
            b.waitFor(PATIENCE, "the CSV saved", d -> Files.isRegularFile(csv) && noPartialDownloads());
            String table = Files.readString(csv, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(table).startsWith("\uFEFF");
            assertThat(table.strip().split("\r?\n")).hasSize(1 + counters.size() + report.getJsonArray("clerks").size());

            // Printing: the report alone, without the title bar, the tabs and the buttons; and as an A4 PDF.
            b.emulateMedia("print");
            assertThat(b.find("#tabs").isDisplayed()).isFalse();
            assertThat(b.find("header.top").isDisplayed()).isFalse();
            assertThat(b.find("#evaluation-xlsx").isDisplayed()).isFalse();
            assertThat(b.find("#evaluation-form").isDisplayed()).isFalse();
            assertThat(b.find("#evaluation-report").isDisplayed()).isTrue();
            assertThat(b.find("#evaluation-counters").isDisplayed()).isTrue();
            assertThat(b.js("return getComputedStyle(document.querySelector('#evaluation-counters thead')).display"))
                    .isEqualTo("table-header-group");
            assertThat(b.js("return getComputedStyle(document.querySelector('#evaluation-counters tbody tr')).breakInside"))
                    .isEqualTo("avoid");
            b.js("window.scrollTo(0, 0)");
            b.screenshot("evaluation-print");
            byte[] pdf = b.printToPdf("evaluation-print");
            assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            // A4 landscape (842 x 595 points): the counters on the first page, the clerks on the second.
            String pages = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(pages).containsPattern("/MediaBox \\[0 0 84[12](\\.[0-9]+)? 59[45](\\.[0-9]+)?\\]");
            assertThat(pages.split("/Type /Page\\b(?!s)", -1).length - 1).isEqualTo(2);
            b.emulateMedia("");
            assertThat(b.find("#tabs").isDisplayed()).isTrue();
        }
    }

    @Test
    void aCitizenRatesHerFinishedVisitOnThePhoneAndTheRatingShowsInDecembersEvaluation() {
        JsonObject ticket = calls.issue("registration");
        String clerk = calls.openCounter(7);
        assertThat(calls.callNext(7, clerk).getString("id")).isEqualTo(ticket.getString("id"));
        CLOCK.advance(Duration.ofMinutes(6));
        calls.finish(7, clerk);

        try (Browser phone = Browser.open(Browser.Screen.PHONE)) {
            phone.go(hub.url("/t/" + ticket.getString("id")));
            phone.waitForShown("#rating-buttons button[data-rating='satisfied']").click();
            phone.waitFor(PATIENCE, "the rating taken", d -> !phone.find("#rating-buttons").isDisplayed()
                    && !phone.find("#rating-thanks").getText().isBlank());
            phone.assertAccessible("/t/{id} rated");
            phone.screenshot("evaluation-phone-rating");
        }
        JsonObject seven = line(get("/api/reports/monthly?month=2026-12").getJsonArray("counters"), "7");
        assertThat(seven.getInteger("served")).isEqualTo(1);
        assertThat(seven.getInteger("rated")).isEqualTo(1);
        assertThat(seven.getInteger("satisfied")).isEqualTo(1);
        assertThat(seven.getDouble("satisfiedShare")).isEqualTo(1.0);

        try (Browser b = Browser.open(Browser.Screen.MANAGER)) {
            b.signInPage(hub.url("/manager")).signIn("manager", "demo");
            b.waitForShown("#tab-evaluation-button").click();
            b.waitForShown("#evaluation-form");
            b.js("document.getElementById('evaluation-month').value = '2026-12';");
            b.find("#evaluation-show").click();
            waitForText(b, "#evaluation-counters tr[data-key='7'] [data-col='satisfaction']", "100%（1 則）");
            assertThat(cell(b, "#evaluation-clerks tr[data-key='clerk7'] ", "satisfaction")).isEqualTo("100%（1 則）");
            assertThat(b.find("#evaluation-report-title").getText()).contains("2026年12月");
            b.assertAccessible("/manager Evaluation, one rated visit");
            b.screenshot("evaluation-rated");

            b.find("#langs button[data-lang='en']").click();
            waitForText(b, "#evaluation-counters tr[data-key='7'] [data-col='satisfaction']", "100% of 1");
            assertThat(b.find("#evaluation-report-title").getText()).contains("December 2026");
            assertThat(cell(b, "#evaluation-counters tr[data-key='7'] ", "key")).isEqualTo("Counter 7");
        }
    }

    // ---- helpers ----

    private static JsonObject get(String path) {
        HubClient.Response r = calls.send(calls.request(path, manager).GET().build());
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.json();
    }

    private static JsonObject line(JsonArray lines, String key) {
        return lines.stream().map(JsonObject.class::cast).filter(l -> l.getString("key").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + key + " in " + lines));
    }

    /** Types a custom range as the date pickers would. */
    private static void setRange(Browser b, String from, String to) {
        b.js("const f = document.getElementById('history-from'); f.value = arguments[0];"
                + "document.getElementById('history-to').value = arguments[1];"
                + "f.dispatchEvent(new Event('input', {bubbles: true}));", from, to);
    }

    private static void waitForText(Browser b, String css, String text) {
        b.waitFor(PATIENCE, "'" + text + "' in " + css, d -> unlessRedrawn(() -> d.findElements(By.cssSelector(css))
                .stream().anyMatch(e -> e.isDisplayed() && e.getText().contains(text))));
    }

    /** A condition on elements that the page may redraw meanwhile (a table drawn again): not yet, then. */
    private static boolean unlessRedrawn(java.util.function.BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return false;
        }
    }

    private static String cell(Browser b, String row, String col) {
        return b.find(row + "[data-col='" + col + "']").getText();
    }

    /** Seconds as the page shows them: minutes with one decimal. */
    private static String minutes(Double seconds) {
        return seconds == null ? "–" : String.format(Locale.US, "%.1f", seconds / 60);
    }

    private static String share(Double x) {
        return x == null ? "–" : Math.round(x * 100) + "%";
    }

    private static void assertDrawn(Browser b, String id, String summaryHas) {
        WebElement box = b.find("#" + id);
        b.waitFor(PATIENCE, id + " drawn", d -> !box.findElements(By.cssSelector("canvas")).isEmpty());
        Object size = b.js("const c = arguments[0].querySelector('canvas'); const r = c.getBoundingClientRect();"
                + "return [c.width, c.height, r.width, r.height];", box);
        assertThat((List<?>) size).as(id + " canvas size").allSatisfy(v -> assertThat(((Number) v).doubleValue()).isGreaterThan(50));
        assertThat(box.getAttribute("role")).isEqualTo("img");
        assertThat(box.getAttribute("aria-label")).contains(summaryHas);
    }

    private static void assertDrawnIfOffered(Browser b, String id, String path) {
        int status = calls.send(calls.request(path, manager).GET().build()).status();
        if (status == 200) {
            assertDrawn(b, id, "");
        } else {
            assertThat(status).as(path).isEqualTo(404);
            waitForText(b, "#" + id + "-empty", "尚未提供");
            assertThat(b.find("#" + id).isDisplayed()).isFalse();
        }
    }

    private static boolean noPartialDownloads() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.noneMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** One sheet of the workbook against the report's lines: rank, key, counts as numbers; times and shares. */
    private static void assertSheetIs(Sheet sheet, JsonArray lines) {
        assertThat(sheet.getLastRowNum()).isEqualTo(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonObject l = lines.getJsonObject(i);
            Row row = sheet.getRow(i + 1);
            assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(l.getInteger("rank").doubleValue());
            String key = row.getCell(1).getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                    ? String.valueOf((long) row.getCell(1).getNumericCellValue()) : row.getCell(1).getStringCellValue();
            assertThat(key).isEqualTo(l.getString("key"));
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(l.getInteger("served").doubleValue());
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(l.getInteger("handled").doubleValue());
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(l.getInteger("suspicious").doubleValue());
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(l.getInteger("noShows").doubleValue());
            assertThat(row.getCell(6).getNumericCellValue()).isCloseTo(l.getDouble("noShowRate"), within(1e-9));
            assertThat(row.getCell(7).getNumericCellValue()).isCloseTo(l.getDouble("serviceMean"), within(1e-9));
            assertThat(row.getCell(8).getNumericCellValue()).isCloseTo(l.getDouble("waitMean"), within(1e-9));
            assertThat(row.getCell(9).getNumericCellValue()).isCloseTo(l.getDouble("waitP90"), within(1e-9));
            assertThat(row.getCell(10).getNumericCellValue()).isCloseTo(l.getDouble("withinTarget"), within(1e-9));
            assertThat(row.getCell(11).getNumericCellValue()).isEqualTo(l.getInteger("rated").doubleValue());
        }
    }
}
