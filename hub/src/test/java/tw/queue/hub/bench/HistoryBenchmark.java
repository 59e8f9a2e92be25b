package tw.queue.hub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import io.vertx.core.json.JsonObject;
import tw.queue.hub.stats.HistoryDimension;
import tw.queue.hub.stats.HistorySummary;
import tw.queue.hub.stats.MonthlyEvaluation;
import tw.queue.hub.stats.QueueLength;
import tw.queue.hub.stats.WaitHistogram;
import tw.queue.hub.store.HubDatabase;
import tw.queue.hub.store.VisitQueries;
import tw.queue.hub.testing.HistoryGenerator;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * The manager's history queries, the History charts' endpoints, the monthly report and the open data on one and
 * on five years of history (250 office days a year, 1,000 visits a day, written through the hub's event log),
 * over real HTTP against a hub in this JVM. Per query, after three warm-up runs: the median and the slowest of the
 * runs over HTTP (wall time, on a machine shared with others: the 1-minute load average is printed beside each),
 * the mean CPU time of the whole process per request (client, server, query, garbage collection: what the load
 * does not inflate), the median CPU time of the query itself run in this thread, and the same query on the previous
 * design's path ({@link OldHistoryPath}, in this thread, wall and CPU) as the baseline of the same run. The
 * first row, {@code GET /health}, is the floor: what any request costs over HTTP at that load. The histories
 * are kept under {@code target/history-bench/} and reused by later runs.
 *
 * <pre>mvn -B -q -ntp install -DskipTests && mvn -B -q -ntp -pl hub exec:java@history-bench [-Dexec.args="--years=1,5 --runs=7"]</pre>
 * ({@code --write-only}: write the histories that are missing and stop, e.g. {@code --years=5 --write-only} for
 * the start-up benchmark's five years.)
 */
public final class HistoryBenchmark {
    private static final LocalDate FIRST = LocalDate.of(2020, 1, 1);
    private static final int DAYS_A_YEAR = 250;
    private static final int WARM_UPS = 3;
    private static final long TARGET_MS = Duration.ofMinutes(15).toMillis();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private HistoryBenchmark() {
    }

    /** Work timed in this thread. */
    private interface Work {
        Object run() throws Exception;
    }

    /** One row: its name, its HTTP path, the same query in this thread, and the old path's (or null). */
    private record Query(String name, String path, Work direct, Work old) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> years = List.of(1, 5);
        int runs = 7;
        boolean writeOnly = false;
        for (String a : args) {
            if (a.equals("--write-only")) {
                writeOnly = true; // only the histories (the start-up benchmark's five years), no queries
            }
            if (a.startsWith("--years=")) {
                years = Arrays.stream(a.substring(8).split(",")).map(Integer::parseInt).toList();
            } else if (a.startsWith("--runs=")) {
                runs = Integer.parseInt(a.substring(7));
            }
        }
        System.out.printf("History benchmark: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        for (int y : years) {
            run(y, runs, writeOnly);
        }
        System.exit(0);
    }

    private static void run(int years, int runs, boolean writeOnly) throws Exception {
        Path dir = Path.of("target", "history-bench", years + "y").toAbsolutePath();
        Path done = dir.resolve("written");
        LocalDate end;
        if (Files.exists(done)) {
            end = LocalDate.parse(Files.readString(done).trim());
        } else {
            long t0 = System.nanoTime();
            end = new HistoryGenerator(TestHub.DEMO, 1_000, 11).write(dir, FIRST, years * DAYS_A_YEAR);
            Files.writeString(done, end.toString());
            System.out.printf("%d year(s), %,d visits written in %.0f s%n", years, years * DAYS_A_YEAR * 1_000,
                    (System.nanoTime() - t0) / 1e9);
        }
        if (writeOnly) {
            System.out.printf("%d year(s) of history in %s%n", years, dir);
            return;
        }
        LocalDate lastWeekday = end.minusDays(1);
        while (lastWeekday.getDayOfWeek().getValue() > 5) {
            lastWeekday = lastWeekday.minusDays(1);
        }
        LocalDate last = lastWeekday;
        YearMonth month = YearMonth.from(last).minusMonths(1);
        LocalDate monthStart = month.atDay(1);
        LocalDate monthEnd = month.atEndOfMonth();
        LocalDate yearFrom = last.minusDays(399);
        LocalDate day = last;
        long t0 = System.nanoTime();
        try (TestHub hub = TestHub.demo(dir);
             OldHistoryPath old = new OldHistoryPath(dir);
             VisitQueries reader = new VisitQueries(HubDatabase.open(dir))) {
            System.out.printf("%n%d year(s) of history (%,d visits), to %s; hub and baseline ready in %.0f s "
                    + "(a first start groups every closed day); load average %s%n", years, years * DAYS_A_YEAR * 1_000,
                    last, (System.nanoTime() - t0) / 1e9, loadAverage());
            HubClient client = hub.client();
            String manager = client.login("manager");
            List<Query> queries = new ArrayList<>();
            queries.add(new Query("GET /health (the floor)", "/health", null, null));
            for (LocalDate[] range : List.of(new LocalDate[] {monthStart, monthEnd}, new LocalDate[] {yearFrom, last})) {
                String span = range[0].equals(monthStart) ? "one month" : "400 days";
                for (HistoryDimension by : HistoryDimension.values()) {
                    queries.add(new Query("summary, " + span + ", by=" + by.wire(), "/api/stats/summary?from=" + range[0]
                            + "&to=" + range[1] + "&by=" + by.wire(),
                            () -> reader.read(q -> HistorySummary.of(q, range[0], range[1], by, TARGET_MS)),
                            () -> old.summary(range[0], range[1], by, TARGET_MS)));
                }
            }
            for (WaitHistogram.Measure m : WaitHistogram.Measure.values()) {
                queries.add(new Query("histogram, 400 days, " + m.wire(), "/api/stats/histogram?from=" + yearFrom
                        + "&to=" + last + "&measure=" + m.wire(), () -> reader.read(q -> WaitHistogram.of(
                                q.tallies(yearFrom, last, HistoryDimension.SERVICE), m)), null));
            }
            queries.add(new Query("queue length, one day", "/api/stats/queue-length?date=" + day,
                    () -> reader.read(q -> QueueLength.of(q.queueStepsOfDay(day), day, TestHub.DEMO.timezone(),
                            TestHub.DEMO.hours().on(day.getDayOfWeek()), null)), null));
            for (String format : List.of("json", "csv", "xlsx")) {
                queries.add(new Query("monthly report, " + format, "/api/reports/monthly?month=" + month + "&format=" + format,
                        () -> JsonObject.mapFrom(reader.read(q -> MonthlyEvaluation.of(month.toString(),
                                q.tallies(monthStart, monthEnd, HistoryDimension.COUNTER),
                                q.tallies(monthStart, monthEnd, HistoryDimension.CLERK), Duration.ofMillis(TARGET_MS))))
                                .encode(),
                        () -> old.monthly(monthStart, monthEnd, TARGET_MS)));
            }
            queries.add(new Query("open data, json", "/api/public/status", null, null));
            queries.add(new Query("open data, csv", "/api/public/status?format=csv", null, null));

            System.out.printf("median and max of %d runs, ms; old: the previous design's path in-process%n", runs);
            System.out.printf("| %-34s | %8s | %8s | %8s | %8s | %8s | %8s | %8s | %5s |%n", "query", "HTTP p50",
                    "HTTP max", "req CPU", "qry CPU", "old p50", "old max", "old CPU", "load");
            System.out.printf("|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(36), "-".repeat(9) + ":", "-".repeat(9) + ":",
                    "-".repeat(9) + ":", "-".repeat(9) + ":", "-".repeat(9) + ":", "-".repeat(9) + ":", "-".repeat(9) + ":",
                    "-".repeat(6) + ":");
            for (Query q : queries) {
                double load = OS.getSystemLoadAverage();
                double[] http = new double[runs];
                long cpuBefore = 0;
                for (int i = -WARM_UPS; i < runs; i++) {
                    if (i == 0) {
                        cpuBefore = OS.getProcessCpuTime();
                    }
                    long w0 = System.nanoTime();
                    HubClient.Response r = client.send(client.request(q.path(), manager).GET().build());
                    long w1 = System.nanoTime();
                    if (r.status() != 200) {
                        throw new IllegalStateException(q.path() + ": " + r.status() + " " + r.body());
                    }
                    if (i >= 0) {
                        http[i] = (w1 - w0) / 1e6;
                    }
                }
                double requestCpu = (OS.getProcessCpuTime() - cpuBefore) / 1e6 / runs;
                double[] direct = q.direct() == null ? null : time(q.direct(), runs)[1];
                double[][] baseline = q.old() == null ? null : time(q.old(), runs);
                System.out.printf("| %-34s | %8.1f | %8.1f | %8.1f | %8s | %8s | %8s | %8s | %5.1f |%n", q.name(),
                        median(http), max(http), requestCpu, direct == null ? "" : fmt(median(direct)),
                        baseline == null ? "" : fmt(median(baseline[0])), baseline == null ? "" : fmt(max(baseline[0])),
                        baseline == null ? "" : fmt(median(baseline[1])), load);
            }
            System.out.printf("load average at the end %s%n", loadAverage());
        }
    }

    /** Wall and CPU times (ms) of the runs after two warm-ups. */
    private static double[][] time(Work work, int runs) throws Exception {
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int i = -WARM_UPS; i < runs; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            work.run();
            if (i >= 0) {
                wall[i] = (System.nanoTime() - w0) / 1e6;
                cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            }
        }
        return new double[][] {wall, cpu};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static String fmt(double ms) {
        return String.format("%.1f", ms);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1, 5, 15 min)";
        } catch (java.io.IOException e) {
            return String.format("%.2f", OS.getSystemLoadAverage());
        }
    }
}
