package tw.queue.hub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tw.queue.hub.testing.HistoryGenerator;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * The manager's history queries and the monthly report on one and on five years of history (250 office days a
 * year, 1,000 visits a day, written through the hub's event log), over real HTTP against a hub in this JVM.
 * Prints the median and the slowest of several runs of each over HTTP (wall time, on a machine shared with
 * others), and the median CPU time of the query itself run in this thread (what it costs whatever the load).
 * Two warm-up runs first. The histories are kept
 * under {@code hub/target/history-bench/} and reused by later runs.
 *
 * <pre>mvn -B -q -ntp install -DskipTests && mvn -B -q -ntp -pl hub exec:java@history-bench [-Dexec.args="--years=1,5 --runs=7"]</pre>
 */
public final class HistoryBenchmark {
    private static final LocalDate FIRST = LocalDate.of(2020, 1, 1);
    private static final int DAYS_A_YEAR = 250;

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> years = List.of(1, 5);
        int runs = 7;
        for (String a : args) {
            if (a.startsWith("--years=")) {
                years = Arrays.stream(a.substring(8).split(",")).map(Integer::parseInt).toList();
            } else if (a.startsWith("--runs=")) {
                runs = Integer.parseInt(a.substring(7));
            }
        }
        for (int y : years) {
            run(y, runs);
        }
        System.exit(0);
    }

    private static tw.queue.hub.store.VisitQueries reader;

    /** The query of {@code q} in this thread, as the hub's reader runs it (and the file's rendering). */
    private static void direct(List<String[]> queries, String[] q, Path dir) throws Exception {
        java.net.URI uri = java.net.URI.create("http://x" + q[1]);
        java.util.Map<String, String> p = new java.util.HashMap<>();
        for (String kv : uri.getQuery().split("&")) {
            p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        if (p.containsKey("by")) {
            tw.queue.hub.stats.HistoryDimension by = tw.queue.domain.WireNamed.fromWire(
                    tw.queue.hub.stats.HistoryDimension.class, p.get("by"));
            reader.read(r -> tw.queue.hub.stats.HistorySummary.of(r, LocalDate.parse(p.get("from")),
                    LocalDate.parse(p.get("to")), by, 900_000));
        } else {
            java.time.YearMonth m = java.time.YearMonth.parse(p.get("month"));
            tw.queue.hub.stats.MonthlyEvaluation.Report report = reader.read(r -> tw.queue.hub.stats.MonthlyEvaluation.of(
                    m.toString(), r.tallies(m.atDay(1), m.atEndOfMonth(), tw.queue.hub.stats.HistoryDimension.COUNTER),
                    r.tallies(m.atDay(1), m.atEndOfMonth(), tw.queue.hub.stats.HistoryDimension.CLERK),
                    java.time.Duration.ofMinutes(15)));
            io.vertx.core.json.JsonObject.mapFrom(report).encode();
        }
    }

    private static void run(int years, int runs) throws Exception {
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
        LocalDate last = end.minusDays(1);
        LocalDate monthStart = last.withDayOfMonth(1).minusMonths(1);
        String month = monthStart.toString().substring(0, 7);
        try (TestHub hub = TestHub.demo(dir)) {
            HubClient client = hub.client();
            String manager = client.login("manager");
            reader = new tw.queue.hub.store.VisitQueries(tw.queue.hub.store.HubDatabase.open(dir));
            System.out.printf("%n%d year(s) of history (%,d visits), to %s; median and max of %d runs, ms%n",
                    years, years * DAYS_A_YEAR * 1_000, last, runs);
            System.out.printf("| %-40s | %10s | %10s | %12s |%n", "query", "HTTP p50", "HTTP max", "query CPU p50");
            System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(42), "-".repeat(11) + ":", "-".repeat(11) + ":", "-".repeat(13) + ":");
            List<String[]> queries = new ArrayList<>();
            for (String by : List.of("service", "counter", "clerk", "hour", "weekday-hour")) {
                queries.add(new String[] {"summary, one month, by=" + by, "/api/stats/summary?from=" + monthStart
                        + "&to=" + monthStart.plusMonths(1).minusDays(1) + "&by=" + by});
            }
            for (String by : List.of("service", "counter", "clerk", "hour", "weekday-hour")) {
                queries.add(new String[] {"summary, 400 days, by=" + by, "/api/stats/summary?from="
                        + last.minusDays(399) + "&to=" + last + "&by=" + by});
            }
            for (String format : List.of("json", "csv", "xlsx")) {
                queries.add(new String[] {"monthly report, " + format, "/api/reports/monthly?month=" + month
                        + "&format=" + format});
            }
            for (String[] q : queries) {
                String path = q[1];
                double[] ms = new double[runs];
                for (int i = -2; i < runs; i++) {
                    long t0 = System.nanoTime();
                    HubClient.Response r = client.send(client.request(path, manager).GET().build());
                    if (r.status() != 200) {
                        throw new IllegalStateException(path + ": " + r.status() + " " + r.body());
                    }
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                Arrays.sort(ms);
                double[] cpu = new double[runs];
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                for (int i = -2; i < runs; i++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    direct(queries, q, dir);
                    if (i >= 0) {
                        cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                    }
                }
                Arrays.sort(cpu);
                System.out.printf("| %-40s | %10.1f | %10.1f | %12.1f |%n", q[0], ms[runs / 2], ms[runs - 1], cpu[runs / 2]);
            }
        }
    }
}
