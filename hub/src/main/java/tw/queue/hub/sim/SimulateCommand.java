package tw.queue.hub.sim;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tw.queue.config.CounterDef;
import tw.queue.config.LocalizedText;
import tw.queue.config.NumberRange;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.config.OpeningHours;
import tw.queue.config.ServiceDef;
import tw.queue.hub.sim.report.SeedResult;
import tw.queue.hub.sim.report.SimReport;
import tw.queue.hub.sim.report.SimStatistics;
import tw.queue.hub.sim.report.SimSummary;
import tw.queue.hub.sim.report.TraceWriter;

/** {@code hub.jar simulate --scenario FILE [--policy NAME] [--seeds N] [--trace FILE.csv] [--json]}. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs the queue engine through simulated office days, one per seed, and prints figures.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario (YAML).")
    Path scenarioFile;

    @Option(names = "--policy", defaultValue = tw.queue.domain.CallNextPolicy.OFFICE_DEFAULT,
            description = "Call-next policy: fair (the hub's), fcfs-appt (first come, first served, appointments at "
                    + "their time), fcfs, balanced, or fair:SCALE[:CREDIT[:CAP]] (minutes) for the trade-off curve "
                    + "(default ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--seeds", description = "How many days (seeds); default: the scenario's, else 30.")
    Integer seeds;

    @Option(names = "--trace", paramLabel = "FILE.csv", description = "Writes one row per ticket over all seeds.")
    Path trace;

    @Option(names = "--json", description = "Prints JSON instead of a table.")
    boolean json;

    @Option(names = "--compare", paramLabel = "POLICY",
            description = "Also runs this policy on the same seeds and prints both side by side.")
    String compare;

    @Override
    public Integer call() throws Exception {
        Scenario scenario = Scenario.load(scenarioFile);
        Path dir = scenarioFile.toAbsolutePath().getParent();
        OfficeConfig office = officeOf(scenario, dir);
        int n = seeds != null ? seeds : scenario.seeds() != null ? scenario.seeds() : 30;
        long started = System.nanoTime();
        List<SeedResult> results = run(scenario, office, policy, dir, n);
        SimSummary summary = SimStatistics.summarize(policy, results);
        if (trace != null) {
            TraceWriter.write(trace, results);
        }
        if (compare != null) {
            SimSummary other = SimStatistics.summarize(compare, run(scenario, office, compare, dir, n));
            System.out.println(json ? "[" + SimReport.json(summary) + "," + SimReport.json(other) + "]"
                    : SimReport.table(summary) + "\n" + SimReport.table(other) + "\n"
                    + SimReport.compare(summary, other) + "\n" + SimReport.markdownCompare(summary, other)
                    + "\n" + SimReport.markdownCompareEstimators(summary));
        } else {
            System.out.println(json ? SimReport.json(summary) : SimReport.table(summary));
        }
        if (!json) {
            System.out.printf("%s: %d seeds, %d tickets, %.1f s%n", scenario.name(), n,
                    results.stream().mapToInt(r -> r.tickets().size()).sum(), (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }

    /** Runs the seeds in parallel; each seed is a day of its own, so the results do not depend on it. */
    public static List<SeedResult> run(Scenario scenario, OfficeConfig office, String policy, Path dir, int seeds)
            throws Exception {
        OfficeDaySimulator sim = new OfficeDaySimulator(scenario, office, policy, dir);
        return IntStream.rangeClosed(1, seeds).parallel().mapToObj(sim::run)
                .sorted((a, b) -> Integer.compare(a.seed(), b.seed())).toList();
    }

    /** The scenario's office: the bundled sample, a config file, or an inline textbook office. */
    public static OfficeConfig officeOf(Scenario scenario, Path dir) {
        if (scenario.inlineOffice() != null) {
            return inline(scenario.inlineOffice());
        }
        if (scenario.office() == null || scenario.office().equals("sample")) {
            return OfficeConfigLoader.loadBundledSample();
        }
        return OfficeConfigLoader.load(dir.resolve(scenario.office()));
    }

    private static OfficeConfig inline(Scenario.InlineOffice o) {
        List<ServiceDef> services = new ArrayList<>();
        int first = 1;
        for (Scenario.InlineService s : o.services()) {
            // Numbers far beyond a day's needs: a steady-state run is one long day.
            services.add(new ServiceDef(s.id(), LocalizedText.of(s.id(), s.id()), LocalizedText.of("", ""),
                    new NumberRange(first, first + 9_999_999), s.minutes(), false, true));
            first += 10_000_000;
        }
        List<String> ids = services.stream().map(ServiceDef::id).toList();
        List<CounterDef> counters = new ArrayList<>();
        for (int c = 1; c <= o.counters(); c++) {
            counters.add(new CounterDef(c, ids, ""));
        }
        EnumMap<DayOfWeek, List<OpeningHours.TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, List.of(new OpeningHours.TimeRange(LocalTime.MIN, LocalTime.MAX)));
        }
        return new OfficeConfig("inline", LocalizedText.of("模擬", "simulated"), ZoneId.of("Asia/Taipei"),
                new OpeningHours(hours), services, counters, List.of(), List.of());
    }
}
