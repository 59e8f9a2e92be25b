package tw.queue.hub;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import tw.queue.hub.ops.HubMetrics;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tw.queue.config.CityConfig;
import tw.queue.config.CityConfigLoader;
import tw.queue.config.ConfigException;
import tw.queue.hub.city.CityView;
import tw.queue.hub.city.OfficeSummaryPublisher;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.hub.auth.PasswordHasher;
import tw.queue.hub.server.HubSettings;
import tw.queue.hub.server.HubVerticle;
import tw.queue.hub.server.Texts;

/** {@code java -jar hub.jar --demo | --config FILE [--port N] [--data DIR]}, plus tools for installers. */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = "The queue hub of a household registration office.",
        subcommands = {HubMain.HashPassword.class, tw.queue.hub.sim.SimulateCommand.class,
                tw.queue.hub.plan.PlanCommand.class, tw.queue.hub.city.CityCommand.class})
public final class HubMain implements Callable<Integer> {
    /** How long a stop (SIGTERM) may take before the process exits regardless (under systemd's TimeoutStopSec). */
    private static final long SHUTDOWN_GRACE_SECONDS = 10;

    @Option(names = "--demo", description = "Run the sample office (Xitun), or with --config that office, with demo"
            + " accounts and device tokens, opening hours ignored.")
    boolean demo;

    @Option(names = "--config", paramLabel = "FILE", description = "The office configuration (YAML).")
    Path config;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default 0.0.0.0, every interface; with --demo 127.0.0.1, this machine"
                    + " only, since the demo's accounts and device tokens are public).")
    String host;

    @Option(names = "--data", defaultValue = "./data", paramLabel = "DIR",
            description = "Where the SQLite event log lives (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--log-format", defaultValue = "text", paramLabel = "text|json",
            description = "The log on standard error: text (default) or json, one JSON object a line.")
    String logFormat;

    @Option(names = "--cluster", paramLabel = "FILE",
            description = "The city's cluster file (YAML): join the city's cluster and publish this office's live summary.")
    Path cluster;

    public static void main(String[] args) {
        int code = new CommandLine(new HubMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            System.err.println("--log-format is text or json, not " + logFormat + ".");
            return 2;
        }
        tw.queue.hub.ops.LogFormat.apply(logFormat.equals("json") ? tw.queue.hub.ops.LogFormat.Format.JSON
                : tw.queue.hub.ops.LogFormat.Format.TEXT, System.err);
        if (!demo && config == null) {
            System.err.println("Give --demo or --config FILE (or both: that office as a demo).");
            return 2;
        }
        OfficeConfig office;
        try {
            // --demo --config FILE: another office as a demo (several districts of a city tried on one machine)
            OfficeConfig base = config == null ? OfficeConfigLoader.loadBundledSample() : OfficeConfigLoader.load(config);
            office = demo ? DemoOffice.with(base) : base;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        CityConfig city = null;
        if (cluster != null) {
            try {
                city = CityConfigLoader.load(cluster);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
        String host = listenHost();
        // One Prometheus registry for Vert.x's own meters (HTTP server, pools) and the hub's (GET /metrics).
        PrometheusMeterRegistry registry = HubMetrics.newRegistry();
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true))
                        // one loop for the HTTP API, the writer and the fan-out, the others write to the followers'
                        // sockets (StreamConnection); the README's systemd unit explains the count
                        .setEventLoopPoolSize(Integer.getInteger("hub.eventLoops",
                                VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        HubVerticle hub = new HubVerticle(HubSettings.of(office, data, host, port, demo), registry);
        try {
            vertx.deployVerticle(hub).await();
        } catch (Exception e) {
            System.err.println("The hub could not start: " + e.getMessage());
            vertx.close();
            return 1;
        }
        // The city's cluster is joined after the hub serves, with a Vert.x of its own: the office never waits on it.
        OfficeSummaryPublisher publisher = city == null ? null : new OfficeSummaryPublisher(vertx, city, hub::publicSummary);
        if (publisher != null) {
            // this hub shows the city too (/city, GET /api/public/city), from its own membership once joined
            CityView view = new CityView(city);
            publisher.onJoined(member -> {
                member.onMemberLeft(view::memberLeft);
                view.follow(member.vertx());
            });
            hub.city(view);
            publisher.start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Every answered write is already on disk, so a stop that hangs (a connection that never closes, a
            // cluster that does not answer) must not keep the process: after the grace time the JVM exits as
            // after a kill, losing nothing.
            io.vertx.core.Future<?> leaving = publisher == null ? io.vertx.core.Future.succeededFuture() : publisher.close();
            try {
                leaving.eventually(() -> vertx.close()).await(SHUTDOWN_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                System.err.println("The hub did not stop within " + SHUTDOWN_GRACE_SECONDS + " s; exiting anyway.");
            }
        }, "hub-shutdown"));
        if (demo) {
            printDemoBanner(office, hub.port(), host);
        }
        System.out.printf("Hub for %s listening on http://%s:%d (data in %s)%n",
                office.name().in("en"), host, hub.port(), data.toAbsolutePath());
        return 0;
    }

    /**
     * Where the hub listens: {@code --host} when given; else loopback for the demo (whose passwords and device
     * tokens are printed in this README and at start) and every interface for a real office.
     */
    String listenHost() {
        if (host != null) {
            return host;
        }
        return demo ? LOOPBACK : "0.0.0.0";
    }

    static final String LOOPBACK = "127.0.0.1";

    private static void printDemoBanner(OfficeConfig office, int port, String host) {
        String line = "!".repeat(78);
        System.out.println(line);
        System.out.println("!! " + Texts.get(Locale.ENGLISH, "demo-banner"));
        System.out.println("!! " + Texts.get(Texts.ZH_TW, "demo-banner"));
        System.out.println("!! accounts: manager, volunteer, clerk1..clerk" + office.counters().size() + " / demo");
        DemoOffice.tokens(office).forEach((token, type) -> {
            if (!token.startsWith("demo-panel-") || token.equals("demo-panel-1")) {
                System.out.printf("!! %-6s device token: %s%n", type.name().toLowerCase(Locale.ROOT), token);
            }
        });
        System.out.println("!! panel  device tokens: demo-panel-N for counter N (1.." + office.counters().size() + ")");
        if (LOOPBACK.equals(host)) {
            System.out.println("!! " + Texts.get(Locale.ENGLISH, "demo-loopback"));
            System.out.println("!! " + Texts.get(Texts.ZH_TW, "demo-loopback"));
        }
        System.out.println(line);
    }

    /** Prints the stored form of a password for the office config's {@code password-hash}. */
    @Command(name = "hash-password", mixinStandardHelpOptions = true,
            description = "Reads a password (from the console, or one line of standard input) and prints its hash.")
    static final class HashPassword implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Console console = System.console();
            String password = console != null
                    ? new String(console.readPassword("Password: "))
                    : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                System.err.println("Empty password.");
                return 2;
            }
            System.out.println(PasswordHasher.hash(password));
            return 0;
        }
    }
}
