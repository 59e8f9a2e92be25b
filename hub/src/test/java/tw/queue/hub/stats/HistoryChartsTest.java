package tw.queue.hub.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * The manager's History charts: the wait and service-time histograms and a day's queue length, over real HTTP
 * against six weeks of generated history on a real SQLite file, checked against a plain recount of the raw
 * events; and the requests they refuse.
 */
class HistoryChartsTest {
    /** 30 weekdays from Monday 24 February 2025: the end of February, all of March, the start of April. */
    static final LocalDate FIRST = LocalDate.of(2025, 2, 24);
    static final ZoneId TAIPEI = TestHub.DEMO.timezone();

    @TempDir
    static Path data;
    static TestHub hub;
    static HubClient client;
    static String manager;

    @BeforeAll
    static void sixWeeksOfHistory() throws Exception {
        new HistoryGenerator(TestHub.DEMO, 300, 21).write(data, FIRST, 30);
        hub = TestHub.demo(data);
        client = hub.client();
        manager = client.login("manager");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** Every ticket event of the days, in order, as logged. */
    static List<Event> events(LocalDate from, LocalDate to) throws Exception {
        List<Event> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("queue.db"));
             PreparedStatement ps = c.prepareStatement("SELECT body FROM event WHERE day BETWEEN ? AND ? ORDER BY seq")) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(EventCodec.fromLog(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /** Per service (after any transfer), its visits' waits or service times in milliseconds, by a plain fold. */
    static Map<String, List<Long>> recount(LocalDate from, LocalDate to, boolean waits) throws Exception {
        Map<String, String> service = new HashMap<>();
        Map<String, Long> issued = new HashMap<>();
        Map<String, Long> firstCall = new HashMap<>();
        Map<String, Long> lastCall = new HashMap<>();
        Map<String, Long> serviceMs = new HashMap<>();
        for (Event e : events(from, to)) {
            long at = e.at().toEpochMilli();
            if (e instanceof Event.TicketIssued i) {
                service.put(i.ticketId(), i.service());
                issued.put(i.ticketId(), at);
            } else if (e instanceof Event.TicketTransferred t) {
                service.put(t.ticketId(), t.toService());
            } else if (e instanceof Event.TicketCalled c) {
                firstCall.putIfAbsent(c.ticketId(), at);
                lastCall.put(c.ticketId(), at);
            } else if (e instanceof Event.TicketFinished f) {
                serviceMs.put(f.ticketId(), at - lastCall.get(f.ticketId()));
            }
        }
        Map<String, List<Long>> out = new TreeMap<>();
        for (Map.Entry<String, String> v : service.entrySet()) {
            String id = v.getKey();
            Long value = waits ? (firstCall.containsKey(id) ? firstCall.get(id) - issued.get(id) : null) : serviceMs.get(id);
            List<Long> values = out.computeIfAbsent(v.getValue(), k -> new ArrayList<>());
            if (value != null) {
                values.add(value);
            }
        }
        return out;
    }

    static void sameAsTheRecount(JsonObject row, List<Long> values) {
        int[] counts = new int[60];
        int over = 0;
        for (long v : values) {
            if (v >= 3_600_000) {
                over++;
            } else {
                counts[(int) (v / 60_000)]++;
            }
        }
        JsonArray got = row.getJsonArray("counts");
        assertThat(got).as(row.getString("key")).hasSize(60);
        for (int i = 0; i < 60; i++) {
            assertThat(got.getInteger(i)).as(row.getString("key") + " minute " + i).isEqualTo(counts[i]);
        }
        assertThat(row.getInteger("over")).as(row.getString("key") + " over").isEqualTo(over);
    }

    private static JsonObject get(String path) {
        HubClient.Response r = client.send(client.request(path, manager).GET().build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theManagerSeesHowWaitsSpreadOverMinutesPerServiceAsTheEventsTellIt() throws Exception {
        // whole March from its merged groups, the days around it from theirs
        LocalDate from = LocalDate.of(2025, 2, 26);
        LocalDate to = LocalDate.of(2025, 4, 1);
        JsonObject body = get("/api/stats/histogram?from=" + from + "&to=" + to + "&measure=wait");
        assertThat(body.getInteger("bucketSeconds")).isEqualTo(60);
        Map<String, List<Long>> waits = recount(from, to, true);
        JsonArray rows = body.getJsonArray("rows");
        assertThat(rows.stream().map(o -> ((JsonObject) o).getString("key")).toList())
                .containsExactlyElementsOf(waits.keySet());
        for (Object o : rows) {
            sameAsTheRecount((JsonObject) o, waits.get(((JsonObject) o).getString("key")));
        }
        assertThat(rows.stream().mapToInt(o -> ((JsonObject) o).getJsonArray("counts").getInteger(20)).sum())
                .as("twenty-minute waits").isGreaterThan(0);
    }

    @Test
    void oneServicesServiceTimesAndAMonthWithoutVisits() throws Exception {
        LocalDate from = LocalDate.of(2025, 3, 1);
        LocalDate to = LocalDate.of(2025, 3, 31);
        JsonArray rows = get("/api/stats/histogram?from=" + from + "&to=" + to + "&measure=service&service=passport")
                .getJsonArray("rows");
        assertThat(rows).hasSize(1);
        assertThat(rows.getJsonObject(0).getString("key")).isEqualTo("passport");
        List<Long> times = recount(from, to, false).get("passport");
        assertThat(times).hasSizeGreaterThan(100);
        sameAsTheRecount(rows.getJsonObject(0), times);

        JsonObject none = get("/api/stats/histogram?from=2024-03-01&to=2024-03-31&measure=service&service=passport")
                .getJsonArray("rows").getJsonObject(0);
        assertThat(none.getJsonArray("counts").stream().mapToInt(o -> (Integer) o).sum()).isZero();
        assertThat(none.getInteger("over")).isZero();
        assertThat(get("/api/stats/histogram?from=2024-03-01&to=2024-03-31&measure=wait").getJsonArray("rows")).isEmpty();
    }

    /** How many waited at {@code t} per service, folding the day's events up to and including {@code t}. */
    static Map<String, Integer> waitingAt(List<Event> day, long t) {
        Map<String, String> waitingIn = new LinkedHashMap<>();
        for (Event e : day) {
            if (e.at().toEpochMilli() > t) {
                break;
            }
            if (e instanceof Event.TicketIssued i) {
                waitingIn.put(i.ticketId(), i.service());
            } else if (e instanceof Event.TicketTransferred tr) {
                waitingIn.put(tr.ticketId(), tr.toService());
            } else if (e instanceof Event.TicketCalled || e instanceof Event.TicketCancelled
                    || e instanceof Event.TicketNoShow || e instanceof Event.TicketFinished) {
                waitingIn.remove(((Event.TicketEvent) e).ticketId());
            }
        }
        Map<String, Integer> out = new TreeMap<>();
        waitingIn.values().forEach(s -> out.merge(s, 1, Integer::sum));
        return out;
    }

    void aDaysQueueLengthAsTheEventsTellIt(LocalDate day, String firstAt, String lastAtLeast) throws Exception {
        JsonObject body = get("/api/stats/queue-length?date=" + day);
        assertThat(body.getString("date")).isEqualTo(day.toString());
        assertThat(body.getInteger("stepSeconds")).isEqualTo(300);
        List<Event> events = events(day, day);
        JsonArray points = body.getJsonArray("points");
        assertThat(points.getJsonObject(0).getString("at")).isEqualTo(firstAt);
        assertThat(points.getJsonObject(points.size() - 1).getString("at")).isGreaterThanOrEqualTo(lastAtLeast);
        LocalTime expected = LocalTime.parse(firstAt);
        int busiest = 0;
        for (Object o : points) {
            JsonObject p = (JsonObject) o;
            assertThat(p.getString("at")).isEqualTo(expected.toString());
            long t = day.atTime(expected).atZone(TAIPEI).toInstant().toEpochMilli();
            Map<String, Integer> waiting = waitingAt(events, t);
            assertThat(p.getInteger("total")).as(p.getString("at")).isEqualTo(waiting.values().stream().mapToInt(i -> i).sum());
            Map<String, Integer> by = new TreeMap<>();
            p.getJsonObject("byService").forEach(e -> by.put(e.getKey(), (Integer) e.getValue()));
            by.values().removeIf(n -> n == 0);
            assertThat(by).as(p.getString("at")).isEqualTo(waiting);
            busiest = Math.max(busiest, p.getInteger("total"));
            expected = expected.plusMinutes(5);
        }
        assertThat(busiest).as("a lobby with people in it").isGreaterThan(3);
        assertThat(points.getJsonObject(points.size() - 1).getInteger("total")).as("the lobby empties").isZero();
    }

    @Test
    void aWednesdaysQueueEveryFiveMinutesFromOpeningToTheEndOfTheEveningHours() throws Exception {
        LocalDate wednesday = LocalDate.of(2025, 3, 12);
        assertThat(wednesday.getDayOfWeek()).isEqualTo(DayOfWeek.WEDNESDAY);
        aDaysQueueLengthAsTheEventsTellIt(wednesday, "08:00", "20:00");
        assertThat(get("/api/stats/queue-length?date=" + wednesday).getJsonArray("points")).hasSize(12 * 12 + 1);
    }

    @Test
    void aMondaysQueueGoesOnPastClosingWhileCitizensStillWait() throws Exception {
        aDaysQueueLengthAsTheEventsTellIt(LocalDate.of(2025, 3, 10), "08:00", "17:00");
    }

    @Test
    void aSundayWithoutTicketsHasNoPoints() {
        assertThat(get("/api/stats/queue-length?date=2025-03-09").getJsonArray("points")).isEmpty();
    }

    @ParameterizedTest(name = "{0} by {1}: {2} {3}")
    @CsvSource(delimiter = '|', value = {
        "/api/stats/histogram?from=2025-02-30&to=2025-03-10&measure=wait|manager|400|invalid-request",
        "/api/stats/histogram?from=2025-03-10&to=2025-03-01&measure=wait|manager|400|range-reversed",
        "/api/stats/histogram?from=2025-01-01&to=2026-02-05&measure=wait|manager|400|range-too-long",
        "/api/stats/histogram?from=2025-03-01&to=2025-03-10&measure=queue|manager|400|invalid-request",
        "/api/stats/histogram?from=2025-03-01&to=2025-03-10|manager|400|missing-parameter",
        "/api/stats/histogram?from=2025-03-01&to=2025-03-10&measure=wait&service=bakery|manager|400|unknown-service",
        "/api/stats/histogram?from=2025-03-01&to=2025-03-10&measure=wait|none|401|unauthenticated",
        "/api/stats/histogram?from=2025-03-01&to=2025-03-10&measure=wait|clerk1|403|role-forbidden",
        "/api/stats/queue-length?date=2025-03-32|manager|400|invalid-request",
        "/api/stats/queue-length?date=12/03/2025|manager|400|invalid-request",
        "/api/stats/queue-length|manager|400|missing-parameter",
        "/api/stats/queue-length?date=2025-03-12|none|401|unauthenticated",
        "/api/stats/queue-length?date=2025-03-12|volunteer|403|role-forbidden",
    })
    void theManagerAsksForAChartWronglyOrSomeoneElseAsks(String path, String who, int status, String error) {
        String token = who.equals("none") ? null : client.login(who);
        HubClient.Response r = client.send(client.request(path, token).header("Accept-Language", "en").GET().build());
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.json().getString("message")).isNotBlank().isNotEqualTo(error);
    }
}
