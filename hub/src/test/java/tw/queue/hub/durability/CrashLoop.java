package tw.queue.hub.durability;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tw.queue.testsupport.HubProcess;

/**
 * The crash loop: a demo hub as a child process while kiosks issue, counters call and finish and event-stream
 * followers listen, all through HTTP; SIGKILL at random moments; the hub started again on the same data and
 * port. At the end: every answered ticket is there with its number, no number was given twice, no ticket was
 * called twice (the event log), and every follower came back within 3 s of the hub with no gap in its sequence
 * numbers. Prints its figures; {@link #main} exits 1 when a check fails.
 *
 * <p>{@code scripts/crash-loop.sh [--kills 100] [--seed N]} (README, "Durability"); {@code CrashLoopTest} runs
 * a short one in the test command.
 */
public final class CrashLoop {
    /**
     * A quick counter, an integrated one and the new residents' first: between them every public service of the
     * sample office (counter 7 alone takes all of them), so no kind of ticket only piles up.
     */
    private static final int[] COUNTERS = {1, 7, 20};
    private static final int FOLLOWERS = 3;
    private static final Duration FOLLOWER_LIMIT = Duration.ofSeconds(3);
    /** Generous: a cold JVM on a shared, busy 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** What one run found: the figures, and the problems (none when every check held). */
    public record Result(int kills, int answered, Map<String, Integer> answeredByService, int exhausted,
                         List<String> exhaustedServices, int lost, int called, int finished, int events,
                         long maxReturnMs, long maxAwayMs, long maxRestartMs, long seconds, List<String> problems) {
        @Override
        public String toString() {
            return String.format("crash loop: %d kills in %d s; %d tickets answered %s, %d lost; %d issues refused"
                            + " 409 numbers-exhausted (not a fault: the day's range of %s ran out); %d calls answered,"
                            + " %d finishes; %d events in the log; followers back at most %d ms after the hub answered"
                            + " /health again (away at most %d ms from the kill; the hub's restart took at most %d ms);"
                            + " %s",
                    kills, seconds, answered, answeredByService, lost, exhausted,
                    exhaustedServices.isEmpty() ? "no service" : String.join(", ", exhaustedServices), called,
                    finished, events, maxReturnMs, maxAwayMs, maxRestartMs,
                    problems.isEmpty() ? "every check held" : problems.size() + " problems: " + problems);
        }
    }

    private record Ticket(String id, int number, String service) {
    }

    private final Path dir;
    private final int kills;
    private final Random random;
    private final String classPath;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean stopFollowing = new AtomicBoolean();
    /** Restarts so far: a follower's first connection after one is its return. */
    private final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Ticket> answered = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> calledIds = new ConcurrentLinkedQueue<>();
    private final AtomicLong finished = new AtomicLong();
    /** The public services the kiosks issue, read from the hub's office; those whose numbers ran out today. */
    private volatile List<String> services = List.of();
    private final Set<String> exhaustedServices = ConcurrentHashMap.newKeySet();
    private final AtomicLong exhausted = new AtomicLong();
    /** When the hub answered /health again after the latest restart (nanoTime); 0 while it is down. */
    private final AtomicLong upSince = new AtomicLong();
    private final AtomicLong maxReturnNanos = new AtomicLong();
    /** When the latest kill was sent (nanoTime), and the longest a follower was away from it. */
    private final AtomicLong killedAt = new AtomicLong();
    private final AtomicLong maxAwayNanos = new AtomicLong();
    private final AtomicLong maxRestartNanos = new AtomicLong();
    private final Map<Integer, Long> followerSeq = new ConcurrentHashMap<>();
    private volatile HubProcess hub;
    private volatile int port;

    public CrashLoop(Path dir, int kills, long seed) throws IOException {
        this.dir = dir;
        this.kills = kills;
        this.random = new Random(seed);
        // every start runs the same code, even if target/classes is rebuilt meanwhile
        this.classPath = HubProcess.snapshotClassPath(dir.resolve("classpath"));
    }

    public Result run() throws Exception {
        long started = System.nanoTime();
        Path data = dir.resolve("data");
        Path log = dir.resolve("hub.log");
        hub = HubProcess.start(classPath, data, log, jvmArgs(), 0, START_TIMEOUT);
        port = hub.port();
        upSince.set(System.nanoTime());
        services = publicServices();
        List<Thread> workers = new ArrayList<>();
        Map<Integer, String> clerks = new HashMap<>();
        for (int n : COUNTERS) {
            clerks.put(n, login("clerk" + n));
            post("/api/counters/" + n + "/open", clerks.get(n), null);
        }
        for (int k = 0; k < 2; k++) {
            String token = "demo-kiosk-" + (k + 1);
            int first = k;
            workers.add(worker("kiosk-" + (k + 1), () -> kiosk(token, first)));
        }
        for (int n : COUNTERS) {
            workers.add(worker("counter-" + n, () -> counter(n, clerks.get(n))));
        }
        for (int f = 0; f < FOLLOWERS; f++) {
            int id = f;
            workers.add(worker("follower-" + f, () -> follow(id)));
        }
        for (int k = 1; k <= kills; k++) {
            Thread.sleep(300 + random.nextInt(2_700));
            killedAt.set(System.nanoTime());
            int exit = hub.kill9();
            upSince.set(0);
            if (exit != 137) {
                problems.add("kill " + k + ": exit code " + exit + ", not 137 (SIGKILL)");
            }
            hub = HubProcess.start(classPath, data, log, jvmArgs(), port, START_TIMEOUT);
            upSince.set(System.nanoTime());
            maxRestartNanos.accumulateAndGet(upSince.get() - killedAt.get(), Math::max);
            generation.incrementAndGet();
            if (k % 10 == 0 || k == kills) {
                System.out.printf("crash loop: %d of %d kills, %d tickets answered, %d calls%n", k, kills,
                        answered.size(), calledIds.size());
            }
        }
        // let the followers come back after the last restart, stop the load, and let them catch up
        Thread.sleep(FOLLOWER_LIMIT.toMillis() + 500);
        stop.set(true);
        for (Thread t : workers.subList(0, workers.size() - FOLLOWERS)) {
            t.join(20_000);
        }
        long end = new JsonObject(get("/health").body()).getLong("seq");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline
                && followerSeq.values().stream().filter(f -> f >= end).count() < FOLLOWERS) {
            Thread.sleep(50);
        }
        stopFollowing.set(true);
        for (Thread t : workers.subList(workers.size() - FOLLOWERS, workers.size())) {
            t.interrupt();
            t.join(5_000);
        }
        int lost = verify(end);
        hub.close();
        Map<String, Integer> byService = new java.util.TreeMap<>();
        answered.forEach(t -> byService.merge(t.service(), 1, Integer::sum));
        return new Result(kills, answered.size(), byService, (int) exhausted.get(),
                exhaustedServices.stream().sorted().toList(), lost, calledIds.size(), (int) finished.get(), (int) lastSeq(),
                maxReturnNanos.get() / 1_000_000, maxAwayNanos.get() / 1_000_000, maxRestartNanos.get() / 1_000_000,
                (System.nanoTime() - started) / 1_000_000_000, List.copyOf(problems));
    }

    private long lastSeq = -1;

    private long lastSeq() {
        return lastSeq;
    }

    /** Every answered ticket there, no number twice, no ticket called twice, followers caught up with {@code end}. */
    private int verify(long end) throws Exception {
        int lost = 0;
        Set<String> numbers = new HashSet<>();
        for (Ticket t : answered) {
            if (!numbers.add(t.service() + "#" + t.number())) {
                problems.add("number given twice: " + t);
            }
            HttpResponse<String> r = get("/api/tickets/" + t.id());
            if (r.statusCode() != 200) {
                lost++;
                problems.add("answered ticket lost: " + t + " -> " + r.statusCode());
                continue;
            }
            JsonObject j = new JsonObject(r.body());
            if (j.getInteger("number") != t.number() || !t.service().equals(j.getString("service"))) {
                problems.add("answered ticket changed: " + t + " -> " + r.body());
            }
        }
        Set<String> ids = new HashSet<>();
        for (String id : calledIds) {
            if (!ids.add(id)) {
                problems.add("call-next answered the same ticket twice: " + id);
            }
        }
        // the log's own record: each number called once (ticket.called; a recall is another event)
        lastSeq = new JsonObject(get("/health").body()).getLong("seq");
        Map<String, Integer> calls = new HashMap<>();
        long[] seen = {0};
        readStream(0, lastSeq, (seq, type, data) -> {
            if (seq != seen[0] + 1) {
                problems.add("the log's stream skipped from " + seen[0] + " to " + seq);
            }
            seen[0] = seq;
            if (type.equals("ticket.called")) {
                calls.merge(data.getString("service") + "#" + data.getInteger("number"), 1, Integer::sum);
            }
        });
        calls.forEach((number, n) -> {
            if (n > 1) {
                problems.add("number " + number + " called " + n + " times in the log");
            }
        });
        for (int f = 0; f < FOLLOWERS; f++) {
            long s = followerSeq.getOrDefault(f, -1L);
            if (s < end) {
                problems.add("follower " + f + " stopped at " + s + " of " + lastSeq);
            }
        }
        if (maxReturnNanos.get() > FOLLOWER_LIMIT.toNanos()) {
            problems.add("a follower came back " + maxReturnNanos.get() / 1_000_000 + " ms after the hub (limit "
                    + FOLLOWER_LIMIT.toMillis() + " ms)");
        }
        return lost;
    }

    // --- the office's clients ---------------------------------------------------------------------------------

    /** The office's public services (not the Turning Point counter's), as its hub has them. */
    private List<String> publicServices() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (Object o : new JsonObject(get("/api/office").body()).getJsonArray("services")) {
            JsonObject service = (JsonObject) o;
            if (!service.getBoolean("private", false)) {
                out.add(service.getString("id"));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("the office has no public service");
        }
        return List.copyOf(out);
    }

    /**
     * Issues round the public services in turn (each kiosk from its own place in the round). A service whose
     * day's numbers have run out (409 numbers-exhausted) is counted apart and left out from then on.
     */
    private void kiosk(String token, int first) throws InterruptedException {
        int i = first;
        while (!stop.get()) {
            List<String> open = services.stream().filter(s -> !exhaustedServices.contains(s)).toList();
            if (open.isEmpty()) {
                Thread.sleep(200);
                continue;
            }
            String service = open.get(i++ % open.size());
            try {
                HttpResponse<String> r = post("/api/tickets", token, new JsonObject().put("service", service));
                if (r.statusCode() == 201) {
                    JsonObject t = new JsonObject(r.body());
                    answered.add(new Ticket(t.getString("id"), t.getInteger("number"), t.getString("service")));
                } else if (r.statusCode() == 409 && "numbers-exhausted".equals(errorOf(r))) {
                    exhausted.incrementAndGet();
                    if (exhaustedServices.add(service)) {
                        System.out.printf("crash loop: the numbers of %s ran out after %d tickets answered%n",
                                service, answered.size());
                    }
                } else {
                    problems.add("issue answered " + r.statusCode() + " " + r.body());
                }
                Thread.sleep(20);
            } catch (IOException e) {
                // the hub is down (or went down with this request in flight: no answer, nothing promised)
                Thread.sleep(50);
            }
        }
    }

    private void counter(int n, String token) throws InterruptedException {
        while (!stop.get()) {
            try {
                HttpResponse<String> r = post("/api/counters/" + n + "/call-next", token, null);
                if (r.statusCode() == 200) {
                    calledIds.add(new JsonObject(r.body()).getJsonObject("ticket").getString("id"));
                    Thread.sleep(30);
                    HttpResponse<String> f = post("/api/counters/" + n + "/finish", token, null);
                    if (f.statusCode() == 200) {
                        finished.incrementAndGet();
                    }
                } else if (r.statusCode() == 409) {
                    // a call answered to nobody (the hub died first) is still at the counter: finish it first
                    post("/api/counters/" + n + "/finish", token, null);
                } else if (r.statusCode() == 204) {
                    Thread.sleep(50);
                } else {
                    problems.add("call-next at " + n + " answered " + r.statusCode() + " " + r.body());
                    Thread.sleep(50);
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
    }

    /** A board: follows the stream, reconnecting with Last-Event-ID; checks each id is the one after the last. */
    private void follow(int id) throws InterruptedException {
        long last = 0;
        int back = 0;
        while (!stopFollowing.get()) {
            long since = last;
            try {
                HttpRequest request = HttpRequest.newBuilder(uri("/api/events"))
                        .header("Last-Event-ID", String.valueOf(since)).build();
                HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    r.body().close();
                    Thread.sleep(100);
                    continue;
                }
                long up = upSince.get();
                long now = System.nanoTime();
                if (up == 0 && killedAt.get() != 0) {
                    // back before the loop even saw the restarted hub answer /health
                    back = generation.get() + 1;
                    maxAwayNanos.accumulateAndGet(now - killedAt.get(), Math::max);
                } else if (generation.get() > back) {
                    back = generation.get();
                    maxReturnNanos.accumulateAndGet(now - up, Math::max);
                    maxAwayNanos.accumulateAndGet(now - killedAt.get(), Math::max);
                }
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while (!stopFollowing.get() && (line = in.readLine()) != null) {
                        if (line.startsWith("id: ")) {
                            long seq = Long.parseLong(line.substring(4));
                            if (seq != last + 1) {
                                problems.add("follower " + id + " got " + seq + " after " + last);
                            }
                            last = seq;
                            followerSeq.put(id, last);
                        }
                    }
                }
            } catch (IOException e) {
                // the hub was killed: come back as a board would, at once and then every 100 ms
            }
            if (!stopFollowing.get()) {
                Thread.sleep(100);
            }
        }
    }

    // --- HTTP -------------------------------------------------------------------------------------------------

    private interface StreamEvent {
        void accept(long seq, String type, JsonObject data);
    }

    private void readStream(long from, long to, StreamEvent out) throws Exception {
        if (to <= from) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri("/api/events")).header("Last-Event-ID", String.valueOf(from))
                .build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            long seq = -1;
            String type = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    seq = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    out.accept(seq, type, new JsonObject(line.substring(6)));
                    if (seq >= to) {
                        return;
                    }
                }
            }
        }
    }

    private static String errorOf(HttpResponse<String> r) {
        try {
            return new JsonObject(r.body()).getString("error");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private java.net.URI uri(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> post(String path, String token, JsonObject body) throws IOException, InterruptedException {
        return post(path, token, body, Duration.ofSeconds(5));
    }

    private HttpResponse<String> post(String path, String token, JsonObject body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(timeout);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String login(String user) throws IOException, InterruptedException {
        // the demo's full-strength password hash on a cold hub on a busy machine: give it time
        HttpResponse<String> r = post("/api/login", null, new JsonObject().put("username", user).put("password", "demo"),
                Duration.ofSeconds(60));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login " + user + ": " + r.statusCode() + " " + r.body());
        }
        return new JsonObject(r.body()).getString("token");
    }

    private interface Work {
        void run() throws Exception;
    }

    private Thread worker(String name, Work work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (InterruptedException e) {
                // stopped
            } catch (Exception e) {
                problems.add(name + " failed: " + e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static List<String> jvmArgs() {
        return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    }

    /** {@code --kills N} (default 100), {@code --seed N}, {@code --dir DIR} (default a new temp folder). */
    public static void main(String[] args) throws Exception {
        int kills = 100;
        long seed = System.nanoTime();
        Path dir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("crash-loop");
        }
        System.out.println("crash loop: " + kills + " kills, seed " + seed + ", in " + dir + " (hub log: "
                + dir.resolve("hub.log") + ")");
        Result result = new CrashLoop(dir, kills, seed).run();
        System.out.println(result);
        System.exit(result.problems().isEmpty() ? 0 : 1);
    }
}
