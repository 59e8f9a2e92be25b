package tw.queue.hub.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.hub.sim.Scenario;
import tw.queue.hub.store.EventLog;
import tw.queue.hub.store.HubDatabase;
import tw.queue.hub.store.VisitQueries;
import tw.queue.hub.testing.RatedHistory;

/**
 * Ten weeks of history generated from known rates (Mondays at the shipped Xitun Monday's rates, Wednesdays at
 * 70% of them, one Monday a holiday), written through the event log: the forecast of the next
 * Monday against the true rates, hour by hour; then the plan made from that forecast, run through the
 * simulator on the true rates and on days the planner never saw.
 */
@Tag("slow")
class StaffingPlanOnKnownRatesTest {
    static final Path SCENARIO = Path.of("..", "scenarios", "xitun-monday.yaml");
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    static final LocalDate HOLIDAY = MONDAY.minusWeeks(3);

    @TempDir
    Path data;

    @Test
    void aManagerPlansNextMondayFromTenWeeksOfHistory() throws Exception {
        OfficeConfig office = OfficeConfigLoader.loadBundledSample();
        Scenario xitun = Scenario.load(SCENARIO);
        Map<String, double[]> monday = new TreeMap<>();
        xitun.arrivals().hourlyRates().forEach((s, r) -> monday.put(s, r.stream().mapToDouble(Double::doubleValue)
                .toArray()));
        Map<String, double[]> quieter = new TreeMap<>();
        monday.forEach((s, r) -> quieter.put(s, java.util.Arrays.stream(r).map(v -> 0.7 * v).toArray()));
        Map<DayOfWeek, Map<String, double[]>> rates = new EnumMap<>(DayOfWeek.class);
        // a quieter weekday beside the Mondays: the forecast must not mix them
        rates.put(DayOfWeek.WEDNESDAY, quieter);
        rates.put(DayOfWeek.MONDAY, monday);

        long t0 = System.nanoTime();
        int visits;
        try (HubDatabase db = HubDatabase.open(data); EventLog log = new EventLog(db, office.timezone())) {
            visits = new RatedHistory(office, 8, rates, 15).write(log, MONDAY.minusWeeks(10), MONDAY, Set.of(HOLIDAY));
        }
        System.out.printf("history: %d visits in 10 weeks written in %.1f s%n", visits, (System.nanoTime() - t0) / 1e9);

        ArrivalForecast.Settings fs = ArrivalForecast.Settings.DEFAULT;
        DayPlan.History history;
        try (HubDatabase db = HubDatabase.open(data); VisitQueries q = new VisitQueries(db)) {
            history = q.read(r -> DayPlan.history(r, MONDAY, fs));
        }
        ArrivalForecast.Forecast f = ArrivalForecast.of(MONDAY, 8, 9, history.days(), fs);
        assertThat(f.skipped()).containsExactly(HOLIDAY);
        assertThat(f.used()).hasSize(7);

        // the forecast's error per hour, all services together, against the Poisson noise the weights leave:
        // a standard error of sqrt(rate * sum w^2) / sum w
        double sw = f.used().values().stream().mapToDouble(Double::doubleValue).sum();
        double sw2 = f.used().values().stream().mapToDouble(w -> w * w).sum();
        System.out.println("hour   true  forecast  error %  error / standard error");
        double sumAbs = 0;
        double sumZ = 0;
        double worstZ = 0;
        for (int i = 0; i < 9; i++) {
            final int h = i;
            double truth = monday.values().stream().mapToDouble(r -> r[h]).sum();
            double err = (f.total(i) - truth) / truth;
            double z = (f.total(i) - truth) / (Math.sqrt(truth * sw2) / sw);
            System.out.printf("%02d:00 %6.1f %9.1f %8.1f %8.2f%n", 8 + i, truth, f.total(i), 100 * err, z);
            sumAbs += Math.abs(err);
            sumZ += Math.abs(z);
            worstZ = Math.max(worstZ, Math.abs(z));
        }
        double sq = 0;
        int cells = 0;
        for (var e : monday.entrySet()) {
            for (int i = 0; i < 9; i++) {
                double d = f.rates().getOrDefault(e.getKey(), new double[9])[i] - e.getValue()[i];
                sq += d * d;
                cells++;
            }
        }
        System.out.printf("hourly totals: mean |error| %.1f%%, mean |error| / standard error %.2f, worst %.2f; "
                + "per service and hour: RMSE %.2f citizens (effective Mondays %.1f)%n", 100 * sumAbs / 9, sumZ / 9,
                worstZ, Math.sqrt(sq / cells), sw * sw / sw2);
        // no bias beyond the noise: |z| is about 0.8 on average for an unbiased forecast
        assertThat(sumAbs / 9).isLessThan(0.06);
        assertThat(sumZ / 9).isLessThan(1.3);
        assertThat(worstZ).isLessThan(3.5);
        assertThat(Math.sqrt(sq / cells)).isLessThan(2.0);

        long cpu0 = cpu();
        DayPlan.Result r = DayPlan.make(office, history, MONDAY, xitun, fs, StaffingPlanner.Settings.DEFAULT);
        System.out.print(DayPlan.table(r));
        System.out.printf("planned in %.1f s of CPU (the process, both cores)%n", (cpu() - cpu0) / 1e9);

        int xitunCounterHours = 0;
        for (Scenario.Shift s : xitun.staffing().shifts()) {
            xitunCounterHours += Scenario.counters(s.counters()).size()
                    * (int) ((Scenario.minutesOf(s.to()) - Scenario.minutesOf(s.from())) / 60);
        }
        System.out.printf("counter-hours: plan %d, the Xitun Monday's shifts %d (besides its back-line)%n",
                r.plan().counterHours(), xitunCounterHours);
        assertThat(r.plan().counterHours()).isLessThanOrEqualTo(xitunCounterHours);
        assertThat(r.plan().hours()).allSatisfy(h -> assertThat(h.open()).contains(25));

        // the true rates, 30 days the planner never simulated
        StaffingPlanner planner = new StaffingPlanner(office, xitun, StaffingPlanner.Settings.DEFAULT);
        StaffingPlanner.Evaluation check = planner.check(r.plan(), 8, monday, 1001, 30);
        long meeting = java.util.Arrays.stream(check.seedShare()).filter(s -> s >= 0.85).count();
        System.out.printf("on the true rates: %d of 30 days call 85%% within 15 min; shares %s%n", meeting,
                java.util.Arrays.stream(check.seedShare()).mapToObj(s -> String.format("%.3f", s)).toList());
        assertThat(meeting).isGreaterThanOrEqualTo(27);
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
