package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.store.EventLog;
import tw.queue.hub.store.HubDatabase;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.RatedHistory;
import tw.queue.hub.testing.TestHub;

/**
 * GET /api/plan on a hub with four weeks of a small office's Mondays (about 20 citizens an hour): the
 * manager's plan and its shape, the same plan again from the cache, a closed day, bad dates refused, and
 * only the manager may ask.
 */
class PlanApiTest {
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    @TempDir
    static Path data;
    static TestHub hub;
    static HubClient client;
    static String manager;

    @BeforeAll
    static void fourWeeksOfMondays() throws Exception {
        Map<String, double[]> rates = new TreeMap<>();
        rates.put("transcript", new double[] {12, 10, 8, 6, 4, 6, 6, 5, 4});
        rates.put("registration", new double[] {4, 4, 3, 2, 2, 2, 2, 2, 1});
        rates.put("turning", new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
        try (HubDatabase db = HubDatabase.open(data); EventLog log = new EventLog(db, TestHub.DEMO.timezone())) {
            new RatedHistory(TestHub.DEMO, 8, Map.of(DayOfWeek.MONDAY, rates), 3)
                    .write(log, MONDAY.minusWeeks(4), MONDAY, Set.of());
        }
        hub = TestHub.demo(data);
        client = hub.client();
        manager = client.login("manager");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HubClient.Response plan(String query, String token) {
        return client.send(client.request("/api/plan" + query, token).timeout(Duration.ofMinutes(3)).GET().build());
    }

    @Test
    void theManagerAsksOnFridayForNextMondaysCounters() {
        HubClient.Response r = plan("?date=" + MONDAY, manager);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject body = r.json();
        assertThat(body.getString("date")).isEqualTo("2026-12-07");
        assertThat(body.getBoolean("closed")).isFalse();
        assertThat(body.getJsonObject("forecast").getString("basis")).isEqualTo("weekday");
        assertThat(body.getJsonObject("forecast").getJsonArray("daysUsed")).hasSize(4);
        JsonArray hours = body.getJsonArray("hours");
        assertThat(hours).hasSize(9);
        int counterHours = 0;
        int missing = 0;
        for (int i = 0; i < 9; i++) {
            JsonObject h = hours.getJsonObject(i);
            assertThat(h.getInteger("hour")).isEqualTo(8 + i);
            assertThat(h.getString("from")).isEqualTo(String.format("%02d:00", 8 + i));
            // the forecast is near the rates the history was drawn from
            double truth = new double[] {16.5, 14.5, 11.5, 8.5, 6.5, 8.5, 8.5, 7.5, 5.5}[i];
            assertThat(h.getDouble("totalArrivals")).isBetween(0.4 * truth, 1.8 * truth);
            assertThat(h.getJsonObject("arrivals").fieldNames()).contains("transcript", "registration");
            // the Turning Point counter stays open all day; at least one counter besides it
            assertThat(h.getJsonArray("open").getList()).contains(25);
            assertThat(h.getInteger("counters")).isEqualTo(h.getJsonArray("open").size()).isBetween(2, 8);
            // an hour may miss only where more counters would not help (the Turning Point's own queue), and says so
            if (h.getDouble("withinTarget") < 0.85) {
                assertThat(h.getBoolean("meetsTarget")).isFalse();
                missing++;
            }
            counterHours += h.getInteger("counters");
        }
        assertThat(missing).isLessThanOrEqualTo(1);
        assertThat(body.getInteger("counterHours")).isEqualTo(counterHours);
        assertThat(body.getJsonArray("dedicated").getList()).containsExactly(25);
        assertThat(body.getDouble("dayWithinTarget")).isGreaterThanOrEqualTo(0.85);
        assertThat(body.getDouble("targetShare")).isEqualTo(0.85);
        assertThat(body.getInteger("targetWaitSeconds")).isEqualTo(900);

        // asked again: the same plan, from the cache
        HubClient.Response again = plan("?date=" + MONDAY, manager);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(body);
    }

    @Test
    void aSundayNeedsNoCounters() {
        JsonObject body = plan("?date=" + MONDAY.minusDays(1), manager).json();
        assertThat(body.getBoolean("closed")).isTrue();
        assertThat(body.getJsonArray("hours")).isEmpty();
        assertThat(body.getInteger("counterHours")).isZero();
    }

    @Test
    void aDateThatIsNoDateIsRefusedWithAClearError() {
        for (String bad : new String[] {"2026-13-01", "2026-02-30", "next-monday", "07-12-2026", ""}) {
            HubClient.Response r = plan("?date=" + bad, manager);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().getString("error")).as(bad).isEqualTo("bad-date");
            assertThat(r.json().getString("message")).as(bad).isNotBlank();
        }
        HubClient.Response missing = plan("", manager);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getString("error")).isNotBlank();
    }

    @Test
    void onlyTheManagerSeesThePlan() {
        HubClient.Response nobody = plan("?date=" + MONDAY, null);
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.json().getString("error")).isEqualTo("unauthenticated");
        for (String who : new String[] {"volunteer", "clerk3"}) {
            HubClient.Response r = plan("?date=" + MONDAY, client.login(who));
            assertThat(r.status()).as(who).isEqualTo(403);
            assertThat(r.json().getString("error")).as(who).isEqualTo("role-forbidden");
        }
    }
}
