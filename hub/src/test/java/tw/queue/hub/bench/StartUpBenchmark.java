package tw.queue.hub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tw.queue.hub.testing.HistoryGenerator;
import tw.queue.hub.testing.TestHub;
import tw.queue.testsupport.HubProcess;

/**
 * Part D of the hub benchmark: how long a hub takes from its JVM's start to {@code GET /health} 200, on an empty
 * log, on a full office day (1,000 visits, yesterday) and on five years of history (the history benchmark's
 * {@code target/history-bench/5y}, when it has been written; started twice, as its first start groups every
 * closed day once), with its resident memory once ready.
 */
final class StartUpBenchmark {
    private StartUpBenchmark() {
    }

    static List<String> rows(Path root, List<String> jvmArgs) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add(time("empty log", root.resolve("start-empty"), root, jvmArgs));
        Path day = root.resolve("start-day");
        new HistoryGenerator(TestHub.DEMO, 1_000, 7).write(day, LocalDate.now().minusDays(1), 1);
        rows.add(time("a full day (1,000 visits)", day, root, jvmArgs));
        rows.add(time("the same, started again", day, root, jvmArgs));
        Path years = Path.of("target", "history-bench", "5y").toAbsolutePath();
        if (Files.isDirectory(years)) {
            rows.add(time("five years (history-bench 5y)", years, root, jvmArgs));
            rows.add(time("five years, started again", years, root, jvmArgs));
        } else {
            rows.add("five years: skipped, " + years + " is missing (write it with exec:java@history-bench)");
        }
        return rows;
    }

    private static String time(String what, Path data, Path root, List<String> jvmArgs) throws Exception {
        long t0 = System.nanoTime();
        try (HubProcess hub = HubProcess.start(HubLoadBenchmark.classPath, data, root.resolve("start.log"), jvmArgs,
                Duration.ofMinutes(30))) {
            double s = (System.nanoTime() - t0) / 1e9;
            String row = String.format(Locale.ROOT, "%-32s %7.2f s  %s  load %s", what, s,
                    FanOutBenchmark.status(hub.pid()), HubLoadBenchmark.loadAverage());
            System.out.println("[start-up] " + row);
            return row;
        }
    }
}
