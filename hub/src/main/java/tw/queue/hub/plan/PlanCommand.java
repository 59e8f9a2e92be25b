package tw.queue.hub.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tw.queue.config.ConfigException;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.hub.sim.Scenario;
import tw.queue.hub.store.HubDatabase;
import tw.queue.hub.store.VisitQueries;

/** {@code hub.jar plan --date YYYY-MM-DD [--data DIR] [--config FILE] [--scenario FILE] [--seeds N] [--json]}. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Forecasts a date's arrivals per service and hour from the event log and prints the fewest "
                + "counters per hour that still call 85%% of citizens within 15 minutes, checked by simulation.")
public final class PlanCommand implements Callable<Integer> {

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The day to plan.")
    LocalDate date;

    @Option(names = "--data", defaultValue = "./data", paramLabel = "DIR",
            description = "Where the hub's SQLite event log lives (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The office configuration (YAML); default: the bundled sample office (Xitun).")
    Path config;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Take service times, patience, priority and appointment shares and lunch turns from "
                    + "this simulator scenario; default: service times from the history, no lunch turns.")
    Path scenario;

    @Option(names = "--seeds", description = "Simulated days per candidate plan (default ${DEFAULT-VALUE}).",
            defaultValue = "8")
    int seeds;

    @Option(names = "--json", description = "Prints JSON (the shape of GET /api/plan) instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1 || seeds > 200) {
            System.err.println("--seeds must be between 1 and 200.");
            return 2;
        }
        OfficeConfig office;
        Scenario model;
        try {
            office = config == null ? OfficeConfigLoader.loadBundledSample() : OfficeConfigLoader.load(config);
            model = scenario == null ? null : Scenario.load(scenario);
        } catch (ConfigException | java.io.IOException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (!Files.isRegularFile(data.resolve("queue.db"))) {
            System.err.println("No event log in " + data.toAbsolutePath() + " (queue.db); give the hub's --data DIR.");
            return 2;
        }
        ArrivalForecast.Settings fs = ArrivalForecast.Settings.DEFAULT;
        DayPlan.History history;
        try (HubDatabase db = HubDatabase.open(data); VisitQueries q = new VisitQueries(db)) {
            history = q.read(r -> DayPlan.history(r, date, fs));
        }
        DayPlan.Result r = DayPlan.make(office, history, date, model, fs,
                StaffingPlanner.Settings.DEFAULT.withSeeds(seeds));
        System.out.print(json ? new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(DayPlan.json(r)) + "\n" : DayPlan.table(r));
        return 0;
    }
}
