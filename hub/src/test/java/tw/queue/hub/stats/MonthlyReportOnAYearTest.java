package tw.queue.hub.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tw.queue.domain.Event;
import tw.queue.hub.testing.HistoryGenerator;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;
import tw.queue.wire.EventCodec;

/**
 * A year of office history (250 weekdays of 1,000 visits, written as events through the hub's event log) on a
 * real SQLite file, then the manager's history API and the monthly counter evaluation over real HTTP: their
 * figures against a plain recount of the raw events, the CSV and the workbook read back, bad requests refused.
 */
@Tag("slow")
class MonthlyReportOnAYearTest {
    static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    static final int OFFICE_DAYS = 250;

    @TempDir
    static Path data;
    static TestHub hub;
    static HubClient client;
    static String manager;

    @BeforeAll
    static void aYearOfHistory() throws Exception {
        long t0 = System.nanoTime();
        new HistoryGenerator(TestHub.DEMO, 1_000, 7).write(data, FIRST, OFFICE_DAYS);
        System.out.printf("a year of history (%d office days) written in %.1f s%n", OFFICE_DAYS, (System.nanoTime() - t0) / 1e9);
        hub = TestHub.demo(data);
        client = hub.client();
        manager = client.login("manager");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    // ---- a plain recount of the raw events ----

    /** One visit as the raw events tell it. */
    static final class Visit {
        String service;
        long issued;
        Long firstCalled;
        Long lastCalled;
        Integer counter;
        String clerk;
        String outcome;
        Long serviceMs;
        String rating;

        Long waitMs() {
            return firstCalled == null ? null : firstCalled - issued;
        }

        boolean suspicious() {
            return "served".equals(outcome) && serviceMs != null && serviceMs < 30_000;
        }
    }

    record Recount(List<Visit> visits, List<Event.TicketTransferred> transfers) {
    }

    static Recount recount(LocalDate from, LocalDate to) throws Exception {
        Map<String, Visit> visits = new LinkedHashMap<>();
        List<Event.TicketTransferred> transfers = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("queue.db"));
             PreparedStatement ps = c.prepareStatement("SELECT body FROM event WHERE day BETWEEN ? AND ? ORDER BY seq")) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Event e = EventCodec.fromLog(rs.getString(1));
                    if (e instanceof Event.TicketIssued i) {
                        Visit v = new Visit();
                        v.service = i.service();
                        v.issued = i.at().toEpochMilli();
                        visits.put(i.ticketId(), v);
                    } else if (e instanceof Event.TicketCalled k) {
                        Visit v = visits.get(k.ticketId());
                        long at = k.at().toEpochMilli();
                        v.firstCalled = v.firstCalled == null ? at : v.firstCalled;
                        v.lastCalled = at;
                        v.counter = k.counter();
                        v.clerk = k.clerk();
                    } else if (e instanceof Event.TicketFinished f) {
                        Visit v = visits.get(f.ticketId());
                        v.outcome = "served";
                        v.serviceMs = f.at().toEpochMilli() - v.lastCalled;
                    } else if (e instanceof Event.TicketNoShow n) {
                        visits.get(n.ticketId()).outcome = "no-show";
                    } else if (e instanceof Event.TicketCancelled x) {
                        visits.get(x.ticketId()).outcome = "cancelled";
                    } else if (e instanceof Event.TicketTransferred t) {
                        visits.get(t.ticketId()).service = t.toService();
                        transfers.add(t);
                    } else if (e instanceof Event.TicketRated r) {
                        visits.get(r.ticketId()).rating = r.rating();
                    }
                }
            }
        }
        return new Recount(new ArrayList<>(visits.values()), transfers);
    }

    static Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    static Double p(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? null : Percentile.of(sorted, p);
    }

    static void close(Object actual, Double expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(((Number) actual).doubleValue()).as(what).isCloseTo(expected, within(1e-6));
        }
    }

    // ---- the monthly counter evaluation ----

    @Test
    void theJuneEvaluationRanksCountersAndClerksAsARecountOfTheEventsDoes() throws Exception {
        HubClient.Response r = client.send(client.request("/api/reports/monthly?month=2025-06", manager).GET().build());
        assertThat(r.status()).isEqualTo(200);
        JsonObject report = r.json();
        long target = report.getLong("targetSeconds") * 1000;
        List<Visit> visits = recount(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30)).visits();
        assertThat(visits).hasSizeGreaterThan(20_000);
        checkView(report.getJsonArray("counters"), visits, v -> String.valueOf(v.counter), target);
        checkView(report.getJsonArray("clerks"), visits, v -> v.clerk, target);
        long suspicious = visits.stream().filter(Visit::suspicious).count();
        assertThat(report.getJsonArray("counters").stream().mapToInt(o -> ((JsonObject) o).getInteger("suspicious")).sum())
                .as("suspicious visits, counted apart").isEqualTo((int) suspicious).isGreaterThan(100);
    }

    private static void checkView(JsonArray lines, List<Visit> visits, Function<Visit, String> key, long targetMs) {
        Map<String, List<Visit>> groups = new TreeMap<>();
        visits.stream().filter(v -> v.counter != null).forEach(v -> groups.computeIfAbsent(key.apply(v), k -> new ArrayList<>()).add(v));
        assertThat(lines).hasSize(groups.size());
        int previousServed = Integer.MAX_VALUE;
        for (Object o : lines) {
            JsonObject line = (JsonObject) o;
            String k = line.getString("key");
            List<Visit> all = groups.get(k);
            List<Visit> counted = all.stream().filter(v -> !v.suspicious()).toList();
            List<Double> waits = counted.stream().map(Visit::waitMs).filter(Objects::nonNull).map(w -> w / 1000.0).toList();
            List<Double> services = counted.stream().filter(v -> "served".equals(v.outcome)).map(v -> v.serviceMs / 1000.0).toList();
            long noShows = all.stream().filter(v -> "no-show".equals(v.outcome)).count();
            String what = "line " + k;
            assertThat(line.getInteger("handled")).as(what).isEqualTo(all.size());
            assertThat(line.getInteger("served")).as(what).isEqualTo(services.size());
            assertThat(line.getInteger("suspicious")).as(what).isEqualTo(all.size() - counted.size());
            assertThat(line.getInteger("noShows")).as(what).isEqualTo((int) noShows);
            close(line.getValue("noShowRate"), noShows / (double) all.size(), what + " no-show rate");
            close(line.getValue("serviceMean"), mean(services), what + " service");
            close(line.getValue("waitMean"), mean(waits), what + " wait");
            close(line.getValue("waitP90"), p(waits, 0.9), what + " p90");
            close(line.getValue("withinTarget"), waits.stream().filter(w -> w * 1000 <= targetMs).count() / (double) waits.size(), what + " within");
            for (String rating : Event.TicketRated.RATINGS) {
                assertThat(line.getInteger(rating)).as(what + " " + rating)
                        .isEqualTo((int) counted.stream().filter(v -> rating.equals(v.rating)).count());
            }
            assertThat(line.getInteger("served")).as("ranked by served").isLessThanOrEqualTo(previousServed);
            previousServed = line.getInteger("served");
        }
        assertThat(lines.getJsonObject(0).getInteger("rank")).isEqualTo(1);
    }

    // ---- the history summary ----

    @Test
    void aQuarterByServiceAgreesWithTheEvents() throws Exception {
        LocalDate from = LocalDate.of(2025, 4, 1);
        LocalDate to = LocalDate.of(2025, 6, 30);
        JsonObject body = summary(from, to, "service");
        long target = body.getLong("targetSeconds") * 1000;
        Recount raw = recount(from, to);
        Map<String, List<Visit>> byService = new TreeMap<>();
        raw.visits().forEach(v -> byService.computeIfAbsent(v.service, k -> new ArrayList<>()).add(v));
        JsonArray rows = body.getJsonArray("rows");
        assertThat(rows.stream().map(o -> ((JsonObject) o).getString("key")).toList())
                .containsExactlyElementsOf(byService.keySet());
        for (Object o : rows) {
            JsonObject row = (JsonObject) o;
            String k = row.getString("key");
            List<Visit> vs = byService.get(k);
            List<Double> waits = vs.stream().map(Visit::waitMs).filter(Objects::nonNull).map(w -> w / 1000.0).toList();
            List<Double> services = vs.stream().filter(v -> v.serviceMs != null).map(v -> v.serviceMs / 1000.0).toList();
            assertThat(row.getInteger("count")).as(k).isEqualTo(vs.size());
            assertThat(row.getInteger("called")).as(k).isEqualTo(waits.size());
            close(row.getValue("waitMean"), mean(waits), k + " mean");
            close(row.getValue("waitP50"), p(waits, 0.5), k + " p50");
            close(row.getValue("waitP90"), p(waits, 0.9), k + " p90");
            close(row.getValue("waitMax"), waits.stream().max(Comparator.naturalOrder()).orElse(null), k + " max");
            close(row.getValue("withinTarget"), waits.stream().filter(w -> w * 1000 <= target).count() / (double) waits.size(), k + " within");
            close(row.getValue("serviceMean"), mean(services), k + " service");
            assertThat(row.getInteger("noShows")).as(k).isEqualTo((int) vs.stream().filter(v -> "no-show".equals(v.outcome)).count());
            assertThat(row.getInteger("transfers")).as(k)
                    .isEqualTo((int) raw.transfers().stream().filter(t -> t.fromService().equals(k)).count());
            assertThat(row.getJsonObject("ratings").getInteger("satisfied")).as(k)
                    .isEqualTo((int) vs.stream().filter(v -> "satisfied".equals(v.rating)).count());
        }
    }

    @Test
    void everyVisitOfTheYearFallsInOneWeekdayHourAndTheCountersCountTheirTransfers() throws Exception {
        LocalDate from = FIRST;
        LocalDate to = FIRST.plusDays(399);
        Recount raw = recount(from, to);
        JsonArray cells = summary(from, to, "weekday-hour").getJsonArray("rows");
        assertThat(cells.stream().mapToInt(o -> ((JsonObject) o).getInteger("count")).sum())
                .isEqualTo(raw.visits().size()).isEqualTo(OFFICE_DAYS * 1_000);
        assertThat(cells.stream().map(o -> ((JsonObject) o).getInteger("weekday")).distinct().sorted().toList())
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(cells.stream().map(o -> ((JsonObject) o).getInteger("hour")).distinct().sorted().toList())
                .containsExactly(8, 9, 10, 11, 12, 13, 14, 15, 16);
        Map<Integer, Long> transfersAt = new HashMap<>();
        raw.transfers().forEach(t -> transfersAt.merge(t.counter(), 1L, Long::sum));
        JsonArray counters = summary(from, to, "counter").getJsonArray("rows");
        assertThat(counters.stream().map(o -> ((JsonObject) o).getString("key")).toList())
                .as("counters in number order").startsWith("1", "2", "3").endsWith("25");
        for (Object o : counters) {
            JsonObject row = (JsonObject) o;
            assertThat(row.getInteger("transfers")).as("transfers at " + row.getString("key"))
                    .isEqualTo(transfersAt.getOrDefault(Integer.parseInt(row.getString("key")), 0L).intValue());
        }
    }

    private static JsonObject summary(LocalDate from, LocalDate to, String by) {
        HubClient.Response r = client.send(client.request("/api/stats/summary?from=" + from + "&to=" + to + "&by=" + by,
                manager).GET().build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    // ---- the files ----

    @Test
    void theCsvInEnglishAndTheWorkbookInChineseCarryTheSameFiguresAsTheJson() throws Exception {
        JsonObject report = client.send(client.request("/api/reports/monthly?month=2025-03", manager).GET().build()).json();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> csv = http.send(HttpRequest.newBuilder(URI.create(hub.url("/api/reports/monthly?month=2025-03&format=csv")))
                .header("Authorization", "Bearer " + manager).header("Accept-Language", "en").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String text = csv.body().startsWith("\uFEFF") ? csv.body().substring(1) : csv.body();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            it.forEachRemaining(rows::add);
        }
        JsonArray counters = report.getJsonArray("counters");
        JsonArray clerks = report.getJsonArray("clerks");
        assertThat(rows).hasSize(counters.size() + clerks.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            JsonObject line = i < counters.size() ? counters.getJsonObject(i) : clerks.getJsonObject(i - counters.size());
            assertThat(row.get("View")).isEqualTo(i < counters.size() ? "Counters" : "Clerks");
            assertThat(row.get("Counter or clerk")).isEqualTo(line.getString("key"));
            assertThat(Integer.parseInt(row.get("Served"))).isEqualTo(line.getInteger("served"));
            assertThat(Integer.parseInt(row.get("Suspicious (under 30 s)"))).isEqualTo(line.getInteger("suspicious"));
            assertThat(Double.parseDouble(row.get("p90 wait (s)"))).isCloseTo(line.getDouble("waitP90"), within(1e-9));
            assertThat(Double.parseDouble(row.get("Satisfied share"))).isCloseTo(line.getDouble("satisfiedShare"), within(1e-9));
        }

        HttpResponse<byte[]> xlsx = http.send(HttpRequest.newBuilder(URI.create(hub.url("/api/reports/monthly?month=2025-03&format=xlsx")))
                .header("Authorization", "Bearer " + manager).header("Accept-Language", "zh-TW").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"counter-evaluation-2025-03.xlsx\"");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(2);
            checkSheet(book.getSheetAt(0), "櫃檯 2025-03", counters);
            checkSheet(book.getSheetAt(1), "承辦人 2025-03", clerks);
        }
    }

    private static void checkSheet(Sheet sheet, String name, JsonArray lines) {
        assertThat(sheet.getSheetName()).isEqualTo(name);
        Row head = sheet.getRow(0);
        List<String> headings = new ArrayList<>();
        head.forEach(c -> headings.add(c.getStringCellValue()));
        assertThat(headings).startsWith("名次", "櫃檯或承辦人", "服務件數").contains("90 百分位等候（秒）", "滿意比率");
        int served = headings.indexOf("服務件數");
        int p90 = headings.indexOf("90 百分位等候（秒）");
        int service = headings.indexOf("平均服務時間（秒）");
        int within = headings.indexOf("15 分鐘內比率");
        assertThat(sheet.getLastRowNum()).isEqualTo(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonObject line = lines.getJsonObject(i);
            Row row = sheet.getRow(i + 1);
            assertThat(row.getCell(0).getCellType()).as("rank is a number").isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(line.getInteger("rank").doubleValue());
            assertThat(row.getCell(served).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(served).getNumericCellValue()).isEqualTo(line.getInteger("served").doubleValue());
            assertThat(row.getCell(p90).getNumericCellValue()).isCloseTo(line.getDouble("waitP90"), within(1e-9));
            assertThat(row.getCell(service).getNumericCellValue()).isCloseTo(line.getDouble("serviceMean"), within(1e-9));
            assertThat(row.getCell(within).getNumericCellValue()).isCloseTo(line.getDouble("withinTarget"), within(1e-9));
        }
    }

    // ---- refused ----

    @ParameterizedTest(name = "{0} by {1}: {2} {3}")
    @CsvSource(delimiter = '|', value = {
        "/api/stats/summary?from=2025-06-31&to=2025-07-01&by=service|manager|400|invalid-request",
        "/api/stats/summary?from=2025/06/01&to=2025-07-01&by=service|manager|400|invalid-request",
        "/api/stats/summary?from=2025-07-01&to=2025-06-01&by=service|manager|400|range-reversed",
        "/api/stats/summary?from=2025-01-01&to=2026-02-05&by=service|manager|400|range-too-long",
        "/api/stats/summary?from=2025-01-01&to=2025-01-31&by=week|manager|400|invalid-request",
        "/api/stats/summary?from=2025-01-01&by=service|manager|400|missing-parameter",
        "/api/stats/summary?from=2025-01-01&to=2025-01-31&by=service|none|401|unauthenticated",
        "/api/stats/summary?from=2025-01-01&to=2025-01-31&by=service|clerk1|403|role-forbidden",
        "/api/stats/summary?from=2025-01-01&to=2025-01-31&by=service|volunteer|403|role-forbidden",
        "/api/reports/monthly?month=2025-13|manager|400|bad-month",
        "/api/reports/monthly?month=June|manager|400|invalid-request",
        "/api/reports/monthly?month=2025-06&format=pdf|manager|400|invalid-request",
        "/api/reports/monthly?month=2025-06&format=xlsx|none|401|unauthenticated",
        "/api/reports/monthly?month=2025-06|volunteer|403|role-forbidden",
    })
    void theManagerAsksForSomethingWrongOrSomeoneElseAsks(String path, String who, int status, String error) {
        String token = who.equals("none") ? null : client.login(who);
        HubClient.Response r = client.send(client.request(path, token).header("Accept-Language", "zh-TW").GET().build());
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.json().getString("message")).isNotBlank().isNotEqualTo(error);
    }

    @Test
    void aRangeOfExactly400DaysIsAnswered() {
        JsonArray rows = summary(FIRST, FIRST.plusDays(399), "hour").getJsonArray("rows");
        assertThat(rows.stream().mapToInt(o -> ((JsonObject) o).getInteger("count")).sum()).isEqualTo(OFFICE_DAYS * 1_000);
        assertThat(Arrays.asList(rows.getJsonObject(0).getString("key"), rows.getJsonObject(0).getInteger("hour").toString()))
                .containsExactly("08", "8");
    }
}
