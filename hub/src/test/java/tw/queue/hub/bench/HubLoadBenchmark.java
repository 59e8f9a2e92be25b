package tw.queue.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import tw.queue.domain.Event;
import tw.queue.testsupport.HubProcess;
import tw.queue.hub.store.EventLog;

/**
 * How fast can the hub take numbers, and how does that compare with what SQLite itself can commit durably on
 * this machine? Not a JUnit test (it never runs under {@code mvn test}); run it from the repository root:
 *
 * <pre>
 * mvn -B -q -o install -DskipTests                       # once, and after changing another module
 * mvn -B -q -o -pl hub test-compile exec:java            # builds hub's tests and runs this benchmark
 * mvn -B -q -o -pl hub test-compile exec:java -Dexec.args="--levels=1,4,16,64 --seconds=5 --requests=3000"
 * </pre>
 *
 * ({@code mvn -pl hub -am ... exec:java} does not work: exec:java then also runs in the parent and in
 * hardware-config, which have no main class.) Drop {@code -o} when the dependencies are not cached yet.
 *
 * <p>Part A, raw SQLite: rows into a table shaped like the hub's {@code event} table (with its index), WAL,
 * synchronous=FULL, one transaction per row and then {@code --batch} rows per transaction, in a temp dir;
 * and the same through the hub's own {@link EventLog#append}. Prints rows/s and per-commit latency.
 *
 * <p>Part B, the hub: for each level C of {@code --levels}, a fresh demo hub in a child JVM on a fresh temp data
 * dir (the ticket numbers of a day are limited, so each level starts a new day's worth), 25 clerks sign in and
 * open their counters, then C closed-loop kiosk clients issue tickets (round-robin over every service of
 * GET /api/office; a service answering 409 numbers-exhausted is dropped) while K clients press finish, then
 * call-next, on the counters (call-next alone is refused within the double-press guard), until {@code --requests} tickets or {@code --seconds} have passed. Latencies are from request
 * sent to response received, per operation, in HdrHistogram (closed loop: a slow answer delays the next request
 * of that client, so these are service times, not open-loop response times).
 *
 * <p>Options ({@code --name=value}; all traffic goes to 127.0.0.1 only, every loop is bounded in count and time):
 * <ul>
 *   <li>{@code --levels=1,4,16,64}: the numbers C of concurrent kiosk clients, one fresh hub each;</li>
 *   <li>{@code --callers=auto|N}: K, the call-next clients (auto: C/2, within 1..25);</li>
 *   <li>{@code --seconds=5}, {@code --requests=3000}: the measured phase of a level ends at whichever comes
 *       first; {@code --warmup=500} tickets before it are not measured;</li>
 *   <li>{@code --max-waiting=200}: issuers hold back while this many of their tickets wait uncalled, so the
 *       queue stays as long as a busy office's; 0 lets it grow (and shows what a long queue costs);</li>
 *   <li>{@code --sqlite-rows=2000}, {@code --sqlite-seconds=10}, {@code --batch=16}: part A's size;</li>
 *   <li>{@code --skip-sqlite}, {@code --skip-hub}: run one part only;</li>
 *   <li>{@code --followers=1000,10000}, {@code --follow-seconds=30}: part C's sizes ({@code 0}: no part C);
 *       {@code --fanout-servers=bare,hub}: which servers part C measures; {@code --skip-startup}: no part D;</li>
 *   <li>{@code --hub-jvm-args=-Xmx1g}: the hub JVM's options, separated by {@code ;}, e.g.
 *       {@code -Xmx1g;-XX:StartFlightRecording=filename=/tmp/hub.jfr,settings=profile} to profile it.</li>
 * </ul>
 * Each level's notes also give the hub's and this process's CPU time per request and the load average, since
 * the machine may be shared.
 */
public final class HubLoadBenchmark {
    /** The pragmas of the hub's event log (HubDatabase.PRAGMAS). */
    private static final String PRAGMAS = "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000&foreign_keys=true";
    private static final String CREATE_EVENT = "CREATE TABLE event (seq INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL,"
            + " day TEXT NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL)";
    private static final String CREATE_INDEX = "CREATE INDEX event_day_type ON event (day, type)";
    private static final String INSERT_EVENT = "INSERT INTO event (seq, at_ms, day, type, body) VALUES (?, ?, ?, ?, ?)";
    /** Shaped like a ticket.issued line of the log. */
    private static final String BODY = "{\"type\":\"ticket.issued\",\"at\":\"2025-03-03T01:23:45.678901234Z\","
            + "\"ticketId\":\"K9DEQab39gwiD9zJ2ipCSQ\",\"number\":2001,\"service\":\"transcript\","
            + "\"priority\":\"NONE\","
            + "\"channel\":\"KIOSK\",\"lang\":null,\"dueAt\":null,\"appointmentCode\":null}";
    private static final String KIOSK = "Bearer demo-kiosk-1";
    private static final long MAX_US = TimeUnit.SECONDS.toMicros(60);

    private HubLoadBenchmark() {
    }

    /**
     * The JVM flags of the hub's systemd unit ({@code deploy/queue-hub.service}, shown in the README): the hub and
     * the bare server run with them.
     */
    static final String PI_FLAGS = String.join(";", tw.queue.hub.testing.SystemdUnit.javaFlags("queue-hub.service"));

    record Options(List<Integer> levels, String callers, int seconds, int requests, int warmup, int sqliteRows,
                   int sqliteSeconds, int batch, boolean skipSqlite, boolean skipHub, List<String> hubJvmArgs,
                   int maxWaiting, List<Integer> followers, int followSeconds, boolean skipStartUp,
                   List<String> fanOutServers) {
        static Options parse(String[] args) {
            Map<String, String> m = new HashMap<>();
            for (String a : args) {
                if (!a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown argument " + a);
                }
                int eq = a.indexOf('=');
                m.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
            }
            Options o = new Options(
                    Stream.of(m.getOrDefault("levels", "1,4,16,64").split(",")).map(String::trim)
                            .map(Integer::parseInt).toList(),
                    m.getOrDefault("callers", "auto"),
                    Integer.parseInt(m.getOrDefault("seconds", "5")),
                    Integer.parseInt(m.getOrDefault("requests", "3000")),
                    Integer.parseInt(m.getOrDefault("warmup", "500")),
                    Integer.parseInt(m.getOrDefault("sqlite-rows", "2000")),
                    Integer.parseInt(m.getOrDefault("sqlite-seconds", "10")),
                    Integer.parseInt(m.getOrDefault("batch", "16")),
                    Boolean.parseBoolean(m.getOrDefault("skip-sqlite", "false")),
                    Boolean.parseBoolean(m.getOrDefault("skip-hub", "false")),
                    Stream.of(m.getOrDefault("hub-jvm-args", PI_FLAGS).split(";")).map(String::trim)
                            .filter(a -> !a.isEmpty()).toList(),
                    Integer.parseInt(m.getOrDefault("max-waiting", "200")),
                    Stream.of(m.getOrDefault("followers", "1000,10000").split(",")).map(String::trim)
                            .filter(f -> !f.isEmpty() && !f.equals("0")).map(Integer::parseInt).toList(),
                    Integer.parseInt(m.getOrDefault("follow-seconds", "30")),
                    Boolean.parseBoolean(m.getOrDefault("skip-startup", "false")),
                    Stream.of(m.getOrDefault("fanout-servers", "bare,hub").split(",")).map(String::trim)
                            .filter(f -> !f.isEmpty()).toList());
            Set<String> known = Set.of("levels", "callers", "seconds", "requests", "warmup", "sqlite-rows",
                    "sqlite-seconds", "batch", "skip-sqlite", "skip-hub", "hub-jvm-args", "max-waiting",
                    "followers", "follow-seconds", "skip-startup", "fanout-servers");
            for (String k : m.keySet()) {
                if (!known.contains(k)) {
                    throw new IllegalArgumentException("unknown option --" + k + "; known: " + known);
                }
            }
            if (o.seconds < 1 || o.seconds > 120 || o.requests < 1 || o.requests > 100_000 || o.sqliteRows < 1
                    || o.sqliteRows > 1_000_000 || o.sqliteSeconds < 1 || o.sqliteSeconds > 300 || o.batch < 1
                    || o.warmup < 0 || o.maxWaiting < 0 || o.levels.stream().anyMatch(c -> c < 1 || c > 512)
                    || o.fanOutServers.stream().anyMatch(f -> !f.equals("bare") && !f.equals("hub"))) {
                throw new IllegalArgumentException("an option is out of range: " + o);
            }
            return o;
        }

        int callersFor(int level) {
            return "auto".equals(callers) ? Math.max(1, Math.min(25, level / 2)) : Integer.parseInt(callers);
        }
    }

    /** The child JVMs' classpath, fixed at the start ({@link #snapshotClassPath}). */
    static String classPath;

    public static void main(String[] args) throws Exception {
        Options opt = Options.parse(args);
        Path root = Files.createTempDirectory("hub-bench-");
        classPath = snapshotClassPath(root.resolve("classpath"));
        System.out.printf("Hub load benchmark: %d cores, Java %s, load average %s, temp dir %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage(), root);
        try {
            List<String> sqliteRows = new ArrayList<>();
            if (!opt.skipSqlite()) {
                sqliteRows.add(rawSqlite(root, opt, 1));
                sqliteRows.add(rawSqlite(root, opt, opt.batch()));
                sqliteRows.add(eventLog(root, opt, 1));
                sqliteRows.add(eventLog(root, opt, opt.batch()));
            }
            List<String> hubRows = new ArrayList<>();
            if (!opt.skipHub()) {
                for (int level : opt.levels()) {
                    hubRows.addAll(hubLevel(root, opt, level, opt.callersFor(level)));
                }
            }
            List<String> engineRows = opt.skipHub() ? List.of() : EngineCpuBenchmark.rows();
            List<String> fanOutRows = new ArrayList<>();
            for (int f : opt.followers()) {
                fanOutRows.addAll(FanOutBenchmark.level(root, f, opt.followSeconds(), opt.hubJvmArgs(),
                        opt.fanOutServers()));
            }
            List<String> startUpRows = opt.skipStartUp() ? List.of() : StartUpBenchmark.rows(root, opt.hubJvmArgs());
            System.out.println();
            System.out.println("=".repeat(112));
            if (!sqliteRows.isEmpty()) {
                System.out.println("A. Raw SQLite, WAL + synchronous=FULL, the event table and its index, in "
                        + root);
                System.out.printf("%-34s %8s %8s %10s %9s %9s %9s %9s%n",
                        "mode", "rows", "commits", "rows/s", "p50 ms", "p90 ms", "p99 ms", "max ms");
                sqliteRows.forEach(System.out::println);
                System.out.println("   (latency = one transaction: its inserts plus the commit with its fsync)");
                System.out.println();
            }
            if (!hubRows.isEmpty()) {
                System.out.println("B. Hub in a child JVM (demo office, 25 counters open), closed-loop HTTP/1.1 "
                        + "keep-alive clients on 127.0.0.1");
                System.out.printf("%-5s %-5s %-15s %7s %9s %9s %9s %9s %9s  %s%n",
                        "C", "K", "operation", "count", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "notes");
                hubRows.forEach(System.out::println);
                System.out.println("   C = kiosk clients issuing tickets, K = clients pressing call-next; "
                        + "'all' = every request of the level.");
                System.out.println();
            }
            if (!engineRows.isEmpty()) {
                System.out.println("B'. The writer's own CPU per command, in process (this thread's CPU clock): tick,"
                        + " command, events applied, the answer's estimate; 2,000 rounds of issue + finish + call-next");
                engineRows.forEach(System.out::println);
                System.out.println();
            }
            if (!fanOutRows.isEmpty()) {
                System.out.println("C. Followers of the event stream, hub against the bare push server (fsync, push the"
                        + " same bytes), same load client: 25 counters (finish, call-next, 3-7 s visit), a kiosk at 5/s;"
                        + " JVM flags " + String.join(" ", opt.hubJvmArgs()));
                fanOutRows.forEach(System.out::println);
                System.out.println("   deliver = call sent -> a follower reads ticket.called; missed = calls x followers"
                        + " not received 20 s after the load; CPU = the server's CPU over the phase / commands sent");
                System.out.println();
            }
            if (!startUpRows.isEmpty()) {
                System.out.println("D. Start-up: JVM start to GET /health 200, demo hub, same flags");
                startUpRows.forEach(System.out::println);
            }
            System.out.println("=".repeat(112));
        } finally {
            deleteTree(root);
        }
    }

    // ----------------------------------------------------------------------------------------------- part A

    /** One durable transaction's worth of work: {@code n} rows from {@code from + 1}, then the commit. */
    @FunctionalInterface
    private interface Commit {
        void run(long from, int n) throws Exception;
    }

    /**
     * Runs {@code commit} a tenth of {@code rows} to warm up (JIT, driver, file growth), then {@code rows} more,
     * measured, each call timed; bounded by {@code --sqlite-seconds} for both.
     */
    private static String measure(String mode, Options opt, int batch, Commit commit) throws Exception {
        Histogram h = new Histogram(MAX_US, 3);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(opt.sqliteSeconds());
        long rows = 0;
        long warm = Math.max(batch, opt.sqliteRows() / 10);
        while (rows < warm && System.nanoTime() < deadline) {
            commit.run(rows, batch);
            rows += batch;
        }
        long first = rows;
        long start = System.nanoTime();
        while (rows - first < opt.sqliteRows() && System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            commit.run(rows, batch);
            h.recordValue(Math.min(MAX_US, (System.nanoTime() - t0) / 1000));
            rows += batch;
        }
        return sqliteRow(mode, rows - first, h, System.nanoTime() - start);
    }

    /** Plain JDBC: the hub's INSERT, pragmas, table and index, one or {@code batch} rows per transaction. */
    private static String rawSqlite(Path root, Options opt, int batch) throws Exception {
        Path db = root.resolve("raw-" + batch + ".db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + PRAGMAS)) {
            try (Statement s = c.createStatement()) {
                s.execute(CREATE_EVENT);
                s.execute(CREATE_INDEX);
            }
            c.setAutoCommit(false);
            long at = Instant.now().toEpochMilli();
            try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
                String mode = batch == 1 ? "JDBC, 1 row per transaction" : "JDBC, " + batch + " rows per transaction";
                return measure(mode, opt, batch, (from, n) -> {
                    for (long seq = from + 1; seq <= from + n; seq++) {
                        ps.setLong(1, seq);
                        ps.setLong(2, at + seq);
                        ps.setString(3, "2025-03-03");
                        ps.setString(4, "ticket.issued");
                        ps.setString(5, BODY);
                        if (n == 1) {
                            ps.executeUpdate();
                        } else {
                            ps.addBatch();
                        }
                    }
                    if (n > 1) {
                        ps.executeBatch();
                    }
                    c.commit();
                });
            }
        }
    }

    /** The hub's own EventLog.append (JSON encoding included), one event, then a batch of events, per append. */
    private static String eventLog(Path root, Options opt, int batch) throws Exception {
        try (EventLog log = EventLog.open(root.resolve("eventlog-" + batch), java.time.ZoneId.of("Asia/Taipei"))) {
            String mode = batch == 1 ? "EventLog.append, 1 event" : "EventLog.append, " + batch + " events";
            return measure(mode, opt, batch, (from, n) -> {
                List<EventLog.DayEvent> events = new ArrayList<>(n);
                for (long i = from; i < from + n; i++) {
                    events.add(new EventLog.DayEvent("2025-03-03",
                            new Event.CounterPaused(Instant.now(), 1 + (int) (i % 25))));
                }
                log.append(events);
            });
        }
    }

    private static String sqliteRow(String mode, long rows, Histogram h, long nanos) {
        String row = String.format(Locale.ROOT, "%-34s %8d %8d %10.0f %9.2f %9.2f %9.2f %9.2f",
                mode, rows, h.getTotalCount(), rows / (nanos / 1e9),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()));
        System.out.println("[sqlite] " + row.strip().replaceAll(" {2,}", "  "));
        return row;
    }

    // ----------------------------------------------------------------------------------------------- part B

    private record ServiceRange(String id, int first, int last) {
    }

    /** One level: a fresh hub, clerks at all counters, C issuers and K callers. Returns the table's rows. */
    private static List<String> hubLevel(Path root, Options opt, int issuers, int callers) throws Exception {
        Path dir = root.resolve("hub-c" + issuers);
        Path logFile = root.resolve("hub-c" + issuers + ".log");
        System.out.printf("%n[hub] level C=%d K=%d: starting a demo hub (child JVM)...%n", issuers, callers);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
        try (HubProcess hub = HubProcess.start(classPath, dir, logFile, opt.hubJvmArgs(), Duration.ofSeconds(60))) {
            WebClient client = WebClient.create(vertx, new WebClientOptions()
                            .setDefaultHost("127.0.0.1").setDefaultPort(hub.port())
                            .setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(5000),
                    new PoolOptions().setHttp1MaxSize(issuers + callers + 4));
            try {
                JsonObject office = get(client, "/api/office");
                List<ServiceRange> services = new ArrayList<>();
                for (Object o : office.getJsonArray("services")) {
                    JsonObject s = (JsonObject) o;
                    JsonObject n = s.getJsonObject("numbers");
                    services.add(new ServiceRange(s.getString("id"), n.getInteger("first"), n.getInteger("last")));
                }
                List<Integer> counters = new ArrayList<>();
                for (Object o : office.getJsonArray("counters")) {
                    counters.add(((JsonObject) o).getInteger("number"));
                }
                Map<Integer, String> tokens = openCounters(client, counters);
                System.out.printf("[hub] pid %d on port %d; %d services, %d counters open%n",
                        hub.pid(), hub.port(), services.size(), tokens.size());

                AtomicLong backlog = new AtomicLong();
                Run warm = new Run(vertx, client, services, tokens, issuers, callers, opt.warmup(), 30,
                        opt.maxWaiting(), backlog);
                warm.go();
                Run run = new Run(vertx, client, services, tokens, issuers, callers, opt.requests(), opt.seconds(),
                        opt.maxWaiting(), backlog);
                run.exhausted.addAll(warm.exhausted);
                run.refused.putAll(warm.refused);
                long seq0 = get(client, "/health").getLong("seq");
                String load0 = loadAverage();
                long hubCpu0 = cpuNanos(hub.pid());
                long myCpu0 = cpuNanos(ProcessHandle.current().pid());
                run.go();
                long hubCpu = cpuNanos(hub.pid()) - hubCpu0;
                long myCpu = cpuNanos(ProcessHandle.current().pid()) - myCpu0;
                String load1 = loadAverage();
                JsonObject health = get(client, "/health");
                long events = health.getLong("seq") - seq0;
                long waiting = 0;
                for (Object o : get(client, "/api/queue").getJsonArray("services")) {
                    waiting += ((JsonObject) o).getLong("waiting");
                }
                double secs = run.elapsedNanos / 1e9;
                String note = String.format(Locale.ROOT, "%.1fs, %d events committed (%.0f/s), %d waiting at end",
                        secs, events, events / secs, waiting);
                Histogram all = new Histogram(MAX_US, 3);
                all.add(run.issued);
                all.add(run.called);
                all.add(run.empty);
                long n = Math.max(1, all.getTotalCount());
                String cpu = String.format(Locale.ROOT, "CPU per request: hub %.2f ms, load generator %.2f ms",
                        hubCpu / 1e6 / n, myCpu / 1e6 / n);
                String load = "load average " + load0 + " -> " + load1;
                List<String> rows = new ArrayList<>();
                rows.add(hubRow(issuers, callers, "issue 201", run.issued, secs, note));
                rows.add(hubRow("", "", "call-next 200", run.called, secs, cpu));
                rows.add(hubRow("", "", "call-next 204", run.empty, secs, load));
                String problems = run.problems();
                rows.add(hubRow("", "", "all", all, secs, problems.isEmpty() ? "no errors" : problems));
                rows.forEach(r -> System.out.println("[hub] " + r.strip().replaceAll(" {2,}", "  ")));
                return rows;
            } finally {
                client.close();
            }
        } catch (Exception e) {
            System.out.println("[hub] level C=" + issuers + " failed: " + e + "\n" + HubProcess.readLog(logFile));
            throw e;
        } finally {
            vertx.close().await();
        }
    }

    private static String hubRow(Object c, Object k, String op, Histogram h, double secs, String note) {
        return String.format(Locale.ROOT, "%-5s %-5s %-15s %7d %9.0f %9.2f %9.2f %9.2f %9.2f  %s",
                c, k, op, h.getTotalCount(), h.getTotalCount() / secs,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()), note);
    }

    /**
     * clerkN signs in and opens counter N, for every counter, one after the other: the hub checks passwords one
     * at a time on a pool of its own, and answers more than two sign-ins at once from one address with 429.
     */
    static Map<Integer, String> openCounters(WebClient client, List<Integer> counters)
            throws TimeoutException {
        Map<Integer, String> tokens = new ConcurrentHashMap<>();
        List<Future<?>> all = new ArrayList<>();
        Future<?> previous = Future.succeededFuture();
        for (int n : counters) {
            previous = previous.compose(done -> client.post("/api/login").timeout(60_000)
                    .sendJsonObject(new JsonObject().put("username", "clerk" + n).put("password", "demo"))
                    .compose(r -> {
                        if (r.statusCode() != 200) {
                            return Future.failedFuture("login clerk" + n + ": " + r.statusCode() + " "
                                    + r.bodyAsString());
                        }
                        String token = r.bodyAsJsonObject().getString("token");
                        return client.post("/api/counters/" + n + "/open").timeout(10_000)
                                .putHeader("Authorization", "Bearer " + token).send()
                                .compose(o -> o.statusCode() == 200 ? Future.succeededFuture(token)
                                        : Future.failedFuture("open " + n + ": " + o.statusCode() + " "
                                                + o.bodyAsString()));
                    })
                    .onSuccess(token -> tokens.put(n, token)));
        }
        all.add(previous);
        Future.all(all).await(120, TimeUnit.SECONDS);
        return tokens;
    }

    private static JsonObject get(WebClient client, String path) throws TimeoutException {
        HttpResponse<Buffer> r = client.get(path).timeout(10_000).send().await(15, TimeUnit.SECONDS);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.bodyAsString());
        }
        return r.bodyAsJsonObject();
    }

    /**
     * One bounded phase of closed-loop load: issuers take numbers until {@code maxIssues} have been sent or the
     * time is up; callers press call-next on their counters until the issuers are done. All callbacks run on the
     * single event loop of the benchmark's Vert.x; histograms are synchronized anyway.
     */
    private static final class Run {
        private final Vertx vertx;
        private final WebClient client;
        private final List<ServiceRange> services;
        private final List<Map.Entry<Integer, String>> counters;
        private final int issuers;
        private final int callers;
        private final int maxIssues;
        private final long deadline;
        private final int maxWaiting;
        /** Tickets answered 201 and not yet called (as this benchmark counts them). */
        private final AtomicLong backlog;
        final Histogram issued = new SynchronizedHistogram(MAX_US, 3);
        final Histogram called = new SynchronizedHistogram(MAX_US, 3);
        final Histogram empty = new SynchronizedHistogram(MAX_US, 3);
        final Set<String> exhausted = ConcurrentHashMap.newKeySet();
        final Map<String, String> refused = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicLong rr = new AtomicLong();
        private volatile boolean issuersDone;
        long elapsedNanos;

        Run(Vertx vertx, WebClient client, List<ServiceRange> services, Map<Integer, String> tokens, int issuers,
            int callers, int maxIssues, int seconds, int maxWaiting, AtomicLong backlog) {
            this.vertx = vertx;
            this.client = client;
            this.services = services;
            this.counters = new ArrayList<>(new java.util.TreeMap<>(tokens).entrySet());
            this.issuers = issuers;
            this.callers = callers;
            this.maxIssues = maxIssues;
            this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            this.maxWaiting = maxWaiting;
            this.backlog = backlog;
        }

        void go() throws InterruptedException {
            CountDownLatch issuersLeft = new CountDownLatch(issuers);
            CountDownLatch callersLeft = new CountDownLatch(callers);
            long t0 = System.nanoTime();
            vertx.runOnContext(v -> {
                for (int i = 0; i < issuers; i++) {
                    issue(issuersLeft);
                }
                for (int k = 0; k < callers; k++) {
                    List<Map.Entry<Integer, String>> mine = new ArrayList<>();
                    for (int j = k; j < counters.size(); j += callers) {
                        mine.add(counters.get(j));
                    }
                    if (mine.isEmpty()) {
                        callersLeft.countDown();
                    } else {
                        call(mine, 0, 0, callersLeft);
                    }
                }
            });
            long waitMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) + 30_000;
            if (!issuersLeft.await(waitMs, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("issuers did not finish in time");
            }
            issuersDone = true;
            elapsedNanos = System.nanoTime() - t0;
            if (!callersLeft.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("callers did not finish in time");
            }
        }

        private String nextService() {
            for (int i = 0; i < services.size(); i++) {
                ServiceRange s = services.get((int) (rr.getAndIncrement() % services.size()));
                if (!exhausted.contains(s.id()) && !refused.containsKey(s.id())) {
                    return s.id();
                }
            }
            return null;
        }

        private void issue(CountDownLatch done) {
            if (System.nanoTime() >= deadline || started.get() >= maxIssues) {
                done.countDown();
                return;
            }
            if (maxWaiting > 0 && backlog.get() >= maxWaiting) {
                // The queue is as long as we let it get: wait for the counters to call some.
                vertx.setTimer(1, id -> issue(done));
                return;
            }
            String service = nextService();
            if (service == null || started.incrementAndGet() > maxIssues) {
                done.countDown();
                return;
            }
            long t0 = System.nanoTime();
            client.post("/api/tickets").timeout(30_000).putHeader("Authorization", KIOSK)
                    .sendJsonObject(new JsonObject().put("service", service))
                    .onComplete(ar -> {
                        long us = (System.nanoTime() - t0) / 1000;
                        if (ar.failed()) {
                            error("issue: " + ar.cause());
                        } else if (ar.result().statusCode() == 201) {
                            issued.recordValue(Math.min(MAX_US, us));
                            backlog.incrementAndGet();
                        } else {
                            String code = errorCode(ar.result());
                            if (ar.result().statusCode() == 409 && "numbers-exhausted".equals(code)) {
                                exhausted.add(service);
                            } else {
                                refused.putIfAbsent(service, ar.result().statusCode() + " " + code);
                                error("issue " + service + ": " + ar.result().statusCode() + " " + code);
                            }
                        }
                        issue(done);
                    });
        }

        private void call(List<Map.Entry<Integer, String>> mine, int i, int emptyStreak, CountDownLatch done) {
            if (issuersDone) {
                done.countDown();
                return;
            }
            Map.Entry<Integer, String> counter = mine.get(i % mine.size());
            // As a clerk does: finish the citizen at the counter (409 when there is none), then call the next;
            // call-next alone would be refused within the double-press guard.
            client.post("/api/counters/" + counter.getKey() + "/finish").timeout(30_000)
                    .putHeader("Authorization", "Bearer " + counter.getValue()).send()
                    .onComplete(fin -> {
                        if (fin.failed()) {
                            error("finish: " + fin.cause());
                        } else if (fin.result().statusCode() != 200 && fin.result().statusCode() != 409) {
                            error("finish: " + fin.result().statusCode() + " " + errorCode(fin.result()));
                        }
                        callNext(mine, i, emptyStreak, done, counter);
                    });
        }

        private void callNext(List<Map.Entry<Integer, String>> mine, int i, int emptyStreak, CountDownLatch done,
                              Map.Entry<Integer, String> counter) {
            long t0 = System.nanoTime();
            client.post("/api/counters/" + counter.getKey() + "/call-next").timeout(30_000)
                    .putHeader("Authorization", "Bearer " + counter.getValue()).send()
                    .onComplete(ar -> {
                        long us = Math.min(MAX_US, (System.nanoTime() - t0) / 1000);
                        int streak = emptyStreak;
                        if (ar.failed()) {
                            error("call-next: " + ar.cause());
                        } else if (ar.result().statusCode() == 200) {
                            called.recordValue(us);
                            backlog.decrementAndGet();
                            streak = 0;
                        } else if (ar.result().statusCode() == 204) {
                            empty.recordValue(us);
                            streak++;
                        } else {
                            error("call-next: " + ar.result().statusCode() + " " + errorCode(ar.result()));
                        }
                        if (streak >= mine.size()) {
                            // Nothing waits for any of my counters: look again a little later, not in a spin.
                            vertx.setTimer(5, id -> call(mine, i + 1, 0, done));
                        } else {
                            call(mine, i + 1, streak, done);
                        }
                    });
        }

        private void error(String what) {
            errors.computeIfAbsent(what.length() > 120 ? what.substring(0, 120) : what, k -> new AtomicInteger())
                    .incrementAndGet();
        }

        String problems() {
            StringBuilder sb = new StringBuilder();
            if (!exhausted.isEmpty()) {
                sb.append("numbers exhausted: ").append(new java.util.TreeSet<>(exhausted)).append("; ");
            }
            Map<String, Integer> sorted = new LinkedHashMap<>();
            errors.entrySet().stream().sorted(Comparator.comparing(e -> -e.getValue().get()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue().get()));
            if (!sorted.isEmpty()) {
                sb.append("errors: ").append(sorted);
            }
            return sb.toString().strip();
        }

        private static String errorCode(HttpResponse<Buffer> r) {
            try {
                return r.bodyAsJsonObject().getString("error");
            } catch (RuntimeException e) {
                return String.valueOf(r.bodyAsString());
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /**
     * The classpath of the hub and the bare server, copied into {@code into} at the start: this repository's own
     * modules from their {@code target/classes} (not their jars in {@code ~/.m2}, which another checkout's
     * {@code mvn install} replaces, under a running hub, with its own code), the rest as they are.
     */
    static String snapshotClassPath(Path into) throws IOException {
        Path repo = tw.queue.hub.testing.SystemdUnit.root();
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String e : HubProcess.classPath().split(java.io.File.pathSeparator)) {
            Path src = Path.of(e);
            String name = src.getFileName() == null ? "" : src.getFileName().toString();
            if (e.contains("/tw/queue/") && name.endsWith("-SNAPSHOT.jar")) {
                Path classes = repo.resolve(name.substring(0, name.indexOf("-0."))).resolve("target/classes");
                if (!Files.isDirectory(classes)) {
                    throw new IllegalStateException(classes + " is missing: build the repository first");
                }
                src = classes;
            }
            if (Files.isDirectory(src)) {
                Path dst = into.resolve((i++) + "-" + src.getParent().getParent().getFileName() + "-" + name);
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Path t = dst.resolve(src.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(t);
                        } else {
                            Files.copy(f, t);
                        }
                    }
                }
                out.add(dst.toString());
            } else {
                out.add(e);
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    /** CPU time a process has used so far (all its threads), or 0 where the OS does not tell. */
    static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    /** The 1-minute load average (the machine is shared: other work skews the figures). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: it is a temp dir
                }
            });
        }
    }
}
