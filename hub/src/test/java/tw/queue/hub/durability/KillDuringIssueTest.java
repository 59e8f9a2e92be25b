package tw.queue.hub.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import tw.queue.testsupport.HubProcess;

/**
 * "The hub is killed mid-morning." A demo hub runs as its own OS process; eight kiosk clients take numbers for
 * two services as fast as they can; the hub is killed with SIGKILL while requests are in flight, and started
 * again on the same data directory. Three such kills, at different moments. After each restart:
 * <ul>
 *   <li>every ticket that was answered 201 (in any cycle so far) is there, with the same number and service,
 *       still waiting;</li>
 *   <li>no number of a service was answered twice;</li>
 *   <li>the queue's waiting count per service is at least the number of answered tickets of that service, and
 *       is exactly the count of numbers given out so far (no gap, no lost ticket in the log);</li>
 *   <li>a new ticket gets a number above every number answered before (no reuse after the crash).</li>
 * </ul>
 * A SIGKILL ends the process, not the machine: this proves the hub answers only what it has committed and
 * recovers it, not that fsync reaches the platter (that needs a power cut).
 *
 * <p>The child runs {@code java -cp <the test classpath> tw.queue.hub.HubMain --demo --host 127.0.0.1 --port 0}
 * (see {@link HubProcess}, which takes the test classpath from Surefire's {@code surefire.test.class.path}); the
 * class directories and snapshot jars are copied to the temp dir first, so the four starts (three killed, one to
 * check) run the same code even if {@code target/classes} is rebuilt meanwhile.
 * The hub's output goes to {@code hub.log} in the temp dir; on failure it is printed and kept as
 * {@code target/kill-during-issue-hub.log}. About 15 s on a 2-core machine.
 */
@Tag("slow")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class KillDuringIssueTest {
    private static final List<String> SERVICES = List.of("transcript", "registration");
    private static final int CLIENTS = 8;
    /** Answered tickets (in that cycle) after which the hub is killed: early, late, in between. */
    private static final int[] KILL_AFTER = {60, 300, 170};
    private static final String KIOSK = "Bearer demo-kiosk-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    private HubProcess hub;
    private ExecutorService pool;
    private ExecutorService httpExecutor;
    private Path logFile;
    private String classPath;

    private record Issued(String id, int number, String service, int cycle) {
    }

    private record LoadResult(int answered, int failedInFlight, List<String> unexpected) {
    }

    @AfterEach
    void cleanUp() {
        if (hub != null) {
            hub.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        if (httpExecutor != null) {
            httpExecutor.shutdownNow();
        }
    }

    @Test
    void answeredTicketsSurviveSigkillAndNumbersAreNeverReused() throws Exception {
        logFile = tmp.resolve("hub.log");
        try {
            killThreeTimes();
        } catch (TestAbortedException skipped) {
            throw skipped;
        } catch (Throwable t) {
            // @TempDir is gone by the time a TestWatcher hears of the failure: print the hub's output now.
            if (hub != null) {
                hub.close();
            }
            String log = HubProcess.readLog(logFile);
            System.out.println("----- hub output (" + logFile + ") -----");
            System.out.println(log);
            System.out.println("----- end of hub output -----");
            try {
                // @TempDir is deleted after the test; keep a copy for CI artifacts and later reading.
                Path kept = Path.of("target", "kill-during-issue-hub.log").toAbsolutePath();
                Files.createDirectories(kept.getParent());
                Files.writeString(kept, log);
                System.out.println("(kept as " + kept + ")");
            } catch (IOException | RuntimeException ignored) {
                // printing it was the main thing
            }
            throw t;
        }
    }

    private void killThreeTimes() throws Exception {
        Path data = tmp.resolve("data");
        // Every start runs the same code, even if target/classes is rebuilt while the test runs.
        classPath = HubProcess.snapshotClassPath(tmp.resolve("classpath"));
        pool = Executors.newFixedThreadPool(CLIENTS, daemon("kiosk-client"));
        httpExecutor = Executors.newFixedThreadPool(4, daemon("http-client"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).executor(httpExecutor).build();

        hub = HubProcess.start(classPath, data, logFile, jvmArgs(), START_TIMEOUT);
        JsonObject office = getJson(http, "/api/office");
        Map<String, Integer> firstNumber = firstNumbers(office);
        ZoneId zone = ZoneId.of(office.getString("timezone"));
        LocalDate day = LocalDate.now(zone);
        List<Issued> answered = new ArrayList<>();
        int failedInFlight = 0;

        for (int cycle = 0; cycle < KILL_AFTER.length; cycle++) {
            Queue<Issued> got = new ConcurrentLinkedQueue<>();
            LoadResult load = issueUntilKilled(http, cycle, KILL_AFTER[cycle], got);
            answered.addAll(got);
            failedInFlight += load.failedInFlight();
            System.out.printf("cycle %d: killed after %d answered tickets; %d requests were cut off in flight%n",
                    cycle + 1, load.answered(), load.failedInFlight());
            assertThat(load.unexpected()).as("answers other than 201 while issuing").isEmpty();
            assertThat(load.answered()).as("tickets answered before the kill")
                    .isGreaterThanOrEqualTo(KILL_AFTER[cycle]);

            hub = HubProcess.start(classPath, data, logFile, jvmArgs(), START_TIMEOUT);
            LocalDate dayNow = LocalDate.now(zone);
            Assumptions.assumeTrue(day.equals(dayNow),
                    "the office day rolled over (" + day + " -> " + dayNow + ") during the test; numbers restart");
            verify(http, answered, firstNumber, cycle);
        }
        assertThat(failedInFlight).as("requests cut off by the kills (else nothing was in flight)").isPositive();
    }

    /** Runs the kiosk clients until {@code killAfter} tickets are answered, then SIGKILLs the hub mid-flight. */
    private LoadResult issueUntilKilled(HttpClient http, int cycle, int killAfter, Queue<Issued> got)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger count = new AtomicInteger();
        AtomicInteger cutOff = new AtomicInteger();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> reached = new CompletableFuture<>();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                int i = client;
                while (!stop.get()) {
                    String service = SERVICES.get(i++ % SERVICES.size());
                    HttpResponse<String> r;
                    try {
                        r = http.send(issueRequest(service), HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        // The hub is gone: this request was in flight (or sent after) the kill; no answer.
                        cutOff.incrementAndGet();
                        return null;
                    }
                    if (r.statusCode() != 201) {
                        unexpected.add(r.statusCode() + " " + r.body());
                        continue;
                    }
                    JsonObject t = new JsonObject(r.body());
                    got.add(new Issued(t.getString("id"), t.getInteger("number"), t.getString("service"), cycle));
                    if (!service.equals(t.getString("service"))) {
                        unexpected.add("asked for " + service + ", got " + r.body());
                    }
                    if (count.incrementAndGet() >= killAfter) {
                        reached.complete(null);
                    }
                }
                return null;
            }));
        }
        try {
            reached.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            stop.set(true);
            throw new AssertionError("only " + count.get() + " tickets answered in 20 s; unexpected: " + unexpected);
        }
        int exit = hub.kill9();
        stop.set(true);
        assertThat(exit).as("exit code of the hub after SIGKILL (128 + 9)").isEqualTo(137);
        for (Future<?> f : clients) {
            f.get(30, TimeUnit.SECONDS);
        }
        return new LoadResult(got.size(), cutOff.get(), List.copyOf(unexpected));
    }

    private void verify(HttpClient http, List<Issued> answered, Map<String, Integer> firstNumber, int cycle)
            throws Exception {
        // 1. Every answered ticket is there, unchanged and still waiting (nobody called any).
        List<Future<String>> checks = new ArrayList<>();
        int slice = (answered.size() + CLIENTS - 1) / CLIENTS;
        for (int from = 0; from < answered.size(); from += slice) {
            List<Issued> part = answered.subList(from, Math.min(answered.size(), from + slice));
            checks.add(pool.submit(() -> {
                StringBuilder problems = new StringBuilder();
                for (Issued t : part) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(hub.uri("/api/tickets/" + t.id()))
                            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        problems.append("LOST: ").append(t).append(" -> ").append(r.statusCode()).append(' ')
                                .append(r.body()).append('\n');
                        continue;
                    }
                    JsonObject j = new JsonObject(r.body());
                    if (j.getInteger("number") != t.number() || !t.service().equals(j.getString("service"))
                            || !"waiting".equals(j.getString("status"))) {
                        problems.append("CHANGED: ").append(t).append(" -> ").append(r.body()).append('\n');
                    }
                }
                return problems.toString();
            }));
        }
        StringBuilder problems = new StringBuilder();
        for (Future<String> f : checks) {
            problems.append(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(problems.toString()).as("after restart %d, answered tickets that were lost or changed", cycle + 1)
                .isEmpty();

        // 2. No number was answered twice within a service.
        Map<String, List<Integer>> numbers = answered.stream().collect(Collectors.groupingBy(Issued::service,
                Collectors.mapping(Issued::number, Collectors.toList())));
        for (var e : numbers.entrySet()) {
            Map<Integer, Long> dupes = e.getValue().stream()
                    .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
            dupes.values().removeIf(n -> n < 2);
            assertThat(dupes).as("%s numbers answered more than once", e.getKey()).isEmpty();
        }

        // 3. The queue counts them all.
        Map<String, Long> waiting = waitingPerService(http);
        for (String s : SERVICES) {
            long mine = answered.stream().filter(t -> t.service().equals(s)).count();
            assertThat(waiting.get(s)).as("%s waiting after restart %d vs answered", s, cycle + 1)
                    .isGreaterThanOrEqualTo(mine);
        }

        // 4. A new ticket gets a number above every one answered before; numbers are gap-free, so the new one is
        //    exactly first + (tickets already in the queue): nothing issued was lost from the log.
        for (String s : SERVICES) {
            int maxAnswered = numbers.getOrDefault(s, List.of()).stream().mapToInt(Integer::intValue).max().orElse(0);
            HttpResponse<String> r = http.send(issueRequest(s), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("issuing %s after restart %d: %s", s, cycle + 1, r.body()).isEqualTo(201);
            JsonObject t = new JsonObject(r.body());
            int number = t.getInteger("number");
            assertThat(number).as("new %s number after restart %d (max answered before: %d)", s, cycle + 1,
                    maxAnswered).isGreaterThan(maxAnswered);
            assertThat((long) number).as("new %s number = first + tickets already waiting", s)
                    .isEqualTo(firstNumber.get(s) + waiting.get(s));
            answered.add(new Issued(t.getString("id"), number, s, cycle));
        }
        System.out.printf("restart %d: %d answered tickets all present; waiting %s%n", cycle + 1, answered.size(),
                SERVICES.stream().map(s -> s + "=" + waiting.get(s)).collect(Collectors.joining(", ")));
    }

    private HttpRequest issueRequest(String service) {
        return HttpRequest.newBuilder(hub.uri("/api/tickets"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", KIOSK)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("service", service).encode()))
                .build();
    }

    private Map<String, Long> waitingPerService(HttpClient http) throws Exception {
        Map<String, Long> out = new HashMap<>();
        JsonArray services = getJson(http, "/api/queue").getJsonArray("services");
        for (int i = 0; i < services.size(); i++) {
            JsonObject s = services.getJsonObject(i);
            out.put(s.getString("id"), s.getLong("waiting"));
        }
        return out;
    }

    private static Map<String, Integer> firstNumbers(JsonObject office) {
        Map<String, Integer> out = new HashMap<>();
        JsonArray services = office.getJsonArray("services");
        for (int i = 0; i < services.size(); i++) {
            JsonObject s = services.getJsonObject(i);
            out.put(s.getString("id"), s.getJsonObject("numbers").getInteger("first"));
        }
        assertThat(out).containsKeys(SERVICES.toArray(String[]::new));
        return out;
    }

    private JsonObject getJson(HttpClient http, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(hub.uri(path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A small heap and a quick-starting JIT: the test is about the log, not peak speed. */
    private static List<String> jvmArgs() {
        return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    }
}
