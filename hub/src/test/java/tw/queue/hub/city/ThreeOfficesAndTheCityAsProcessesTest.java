package tw.queue.hub.city;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.hub.testing.HubClient;
import tw.queue.testsupport.Await;
import tw.queue.testsupport.HubProcess;

/**
 * Three district offices and the city's view, each a JVM of its own on loopback, as {@code hub.jar --demo --config
 * FILE --cluster FILE} and {@code hub.jar city --cluster FILE} start them: a number taken at Xitun reaches the city
 * view within 2 s; Beitun killed (SIGKILL) is marked stale within 10 s while Xitun and Nantun go on, and is back
 * once restarted; with the rest of the city frozen (SIGSTOP) and then dead, Xitun's own issue and call-next take as
 * long as with the cluster up (printed side by side). On demand (four JVMs and a Hazelcast cluster take a minute
 * and more on a shared machine):
 * {@code mvn -B -ntp -pl hub -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ThreeOfficesAndTheCityAsProcessesTest -Dcity=true test}.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "city", matches = "true",
        disabledReason = "on demand (-Dcity=true): four JVMs and their cluster take over a minute on a shared machine")
class ThreeOfficesAndTheCityAsProcessesTest {
    private static final Duration START = Duration.ofSeconds(120);
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");
    /** How long each phase's issue and call-next run: past the 6 s after which the cluster drops a silent member. */
    private static final Duration PHASE = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static final List<HubProcess> running = new ArrayList<>();

    @AfterAll
    static void stopAll() {
        for (HubProcess p : running) {
            try {
                p.thaw();
            } catch (Exception ignored) {
                // already gone
            }
            p.close();
        }
    }

    @Test
    void theCitySeesEveryOfficeAndNoOfficeWaitsOnTheCity() throws Exception {
        long t0 = System.nanoTime();
        int[] ports = {freePort(), freePort(), freePort(), freePort()};
        String members = Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(", "));
        // a copy: other builds sharing ~/.m2 or target/ must not change the code under a restarted office
        String cp = HubProcess.snapshotClassPath(dir.resolve("classpath"));
        List<String> cityArgs = List.of("city", "--cluster", cluster("city", ports[0], members).toString(),
                "--host", "127.0.0.1", "--port", "0");
        List<String> xitunArgs = office("xitun", "西屯區", "Xitun", ports[1], members);
        List<String> beitunArgs = office("beitun", "北屯區", "Beitun", ports[2], members);
        List<String> nantunArgs = office("nantun", "南屯區", "Nantun", ports[3], members);
        // the four start together, as a city's machines do in the morning
        ExecutorService starting = Executors.newFixedThreadPool(4);
        List<Future<HubProcess>> starts = new ArrayList<>();
        for (var entry : List.of(Map.entry("city", cityArgs), Map.entry("xitun", xitunArgs),
                Map.entry("beitun", beitunArgs), Map.entry("nantun", nantunArgs))) {
            starts.add(starting.submit((Callable<HubProcess>) () -> HubProcess.startMain(cp, JVM, entry.getValue(),
                    dir.resolve(entry.getKey() + ".log"), START)));
        }
        List<HubProcess> p = new ArrayList<>();
        try {
            for (Future<HubProcess> f : starts) {
                p.add(f.get());
                running.add(p.get(p.size() - 1));
            }
        } finally {
            starting.shutdown();
        }
        HubProcess cityProcess = p.get(0);
        HubProcess nantunProcess = p.get(3);
        HubProcess beitunProcess = p.get(2);
        HubClient city = client(cityProcess);
        HubClient xitun = client(p.get(1));
        HubClient nantun = client(nantunProcess);
        long up = waitFor(Duration.ofSeconds(90), () -> fresh(city, "xitun") && fresh(city, "beitun") && fresh(city, "nantun"));
        System.out.printf("City: four processes started and three offices fresh in the view after %d ms%n", ms(t0, up));

        // a number taken at Xitun reaches the city view within 2 s
        int before = waiting(office(city, "xitun"), "transcript");
        long t = System.nanoTime();
        xitun.issue("transcript");
        long seen = waitFor(Duration.ofSeconds(2), () -> waiting(office(city, "xitun"), "transcript") == before + 1);
        System.out.printf("City: a number taken at Xitun on the city view after %d ms (limit 2000)%n", ms(t, seen));

        // Xitun's own issue and call-next with the cluster up
        String clerk = xitun.openCounter(1);
        long[][] clusterUp = issueAndCall(xitun, clerk);

        // Beitun killed: stale within 10 s, while Xitun and Nantun carry on
        t = System.nanoTime();
        beitunProcess.kill9();
        long stale = waitFor(Duration.ofSeconds(10), () -> office(city, "beitun").getValue("staleSince") != null);
        System.out.printf("City: Beitun killed (SIGKILL), stale in the view after %d ms (limit 10000)%n", ms(t, stale));
        int nantunBefore = waiting(office(city, "nantun"), "transcript");
        int xitunNow = waiting(office(city, "xitun"), "transcript");
        t = System.nanoTime();
        nantun.issue("transcript");
        xitun.issue("transcript");
        long carryOn = waitFor(Duration.ofSeconds(10), () -> waiting(office(city, "nantun"), "transcript") == nantunBefore + 1
                && waiting(office(city, "xitun"), "transcript") == xitunNow + 1);
        System.out.printf("City: with Beitun dead, numbers taken at Xitun and Nantun on the view after %d ms%n",
                ms(t, carryOn));
        assertTrue(fresh(city, "xitun") && fresh(city, "nantun"), "Xitun and Nantun still fresh");

        // Beitun restarted on its data: back in the view
        t = System.nanoTime();
        HubProcess beitunAgain = HubProcess.startMain(cp, JVM, beitunArgs, dir.resolve("beitun.log"), START);
        running.add(beitunAgain);
        long back = waitFor(Duration.ofSeconds(60), () -> fresh(city, "beitun"));
        System.out.printf("City: Beitun restarted, fresh in the view again after %d ms (process start included)%n",
                ms(t, back));

        // Xitun's own view of the city (an office hub with --cluster serves it too)
        JsonObject fromXitun = xitun.get("/api/public/city").json();
        assertEquals(3, fromXitun.getJsonArray("offices").size(), "Xitun's hub shows the three offices");

        // the rest of the city frozen (SIGSTOP: sockets open, nothing answers), then dead
        cityProcess.freeze();
        nantunProcess.freeze();
        beitunAgain.freeze();
        long[][] clusterFrozen = issueAndCall(xitun, clerk);
        cityProcess.kill9();
        nantunProcess.kill9();
        beitunAgain.kill9();
        long[][] clusterDown = issueAndCall(xitun, clerk);
        report("cluster up", clusterUp);
        report("cluster frozen", clusterFrozen);
        report("cluster down", clusterDown);
        for (long[][] run : List.of(clusterFrozen, clusterDown)) {
            for (long[] op : run) {
                // a call that waited on the cluster would take seconds (Hazelcast's heartbeats and timeouts)
                assertTrue(percentile(op, 99) < 1_000, "no issue or call-next waits on the cluster: p99 " + percentile(op, 99));
            }
        }
        JsonObject alone = xitun.get("/api/public/city").json();
        JsonObject self = alone.getJsonArray("offices").stream().map(JsonObject.class::cast)
                .filter(o -> o.getJsonObject("office").getString("id").equals("xitun")).findFirst().orElseThrow();
        assertNull(self.getValue("staleSince"), "Xitun's own figures stay fresh on its own hub");
    }

    // --- the offices' and the city's files

    private static Path cluster(String name, int port, String members) throws IOException {
        Path file = dir.resolve(name + "-cluster.yaml");
        Files.writeString(file, """
                id: taichung-test
                name: {zh-TW: 臺中市, en: Taichung City}
                host: 127.0.0.1
                port: %d
                members: [%s]
                cross-district-services: [transcript, registration]
                """.formatted(port, members));
        return file;
    }

    /** {@code --demo --config <the sample as another district> --cluster FILE} on a port the OS picks. */
    private static List<String> office(String id, String zh, String en, int hazelcastPort, String members)
            throws IOException {
        String text;
        try (InputStream in = OfficeConfigLoader.class.getResourceAsStream(OfficeConfigLoader.SAMPLE_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text = text.replace("id: xitun\n", "id: " + id + "\n").replace("西屯區", zh).replace("Xitun", en);
        Path config = dir.resolve(id + ".yaml");
        Files.writeString(config, text);
        return List.of("--demo", "--config", config.toString(), "--cluster",
                cluster(id, hazelcastPort, members).toString(), "--host", "127.0.0.1", "--port", "0",
                "--data", dir.resolve("data-" + id).toString());
    }

    // --- measuring

    /**
     * For {@link #PHASE} (longer than the cluster takes to drop a silent member), numbers issued and as many
     * finish + call-next at counter 1; each call's milliseconds.
     */
    private static long[][] issueAndCall(HubClient hub, String clerk) {
        List<Long> issue = new ArrayList<>();
        List<Long> call = new ArrayList<>();
        long end = System.nanoTime() + PHASE.toNanos();
        // counter 1's services in turn: one service's day of numbers (999) would not last three phases
        List<String> services = List.of("transcript", "seal", "cdc", "id-card", "registration", "passport");
        for (int i = 0; System.nanoTime() < end; i++) {
            long t = System.nanoTime();
            hub.issue(services.get(i % services.size()));
            issue.add((System.nanoTime() - t) / 1_000_000);
            hub.post("/api/counters/1/finish", clerk, null);
            t = System.nanoTime();
            hub.callNext(1, clerk);
            call.add((System.nanoTime() - t) / 1_000_000);
        }
        return new long[][] {issue.stream().mapToLong(Long::longValue).toArray(),
                call.stream().mapToLong(Long::longValue).toArray()};
    }

    private static void report(String what, long[][] run) {
        System.out.printf("City: Xitun with the %-15s %4d issues p50 %3d p99 %4d max %4d ms; call-next p50 %3d p99 %4d max %4d ms%n",
                what + ":", run[0].length, percentile(run[0], 50), percentile(run[0], 99), percentile(run[0], 100),
                percentile(run[1], 50), percentile(run[1], 99), percentile(run[1], 100));
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    // --- the city view

    private static HubClient client(HubProcess p) {
        return new HubClient("http://127.0.0.1:" + p.port());
    }

    private static JsonObject office(HubClient city, String id) {
        HubClient.Response r = city.get("/api/public/city");
        if (r.status() != 200) {
            return null;
        }
        return r.json().getJsonArray("offices").stream().map(JsonObject.class::cast)
                .filter(o -> o.getJsonObject("office").getString("id").equals(id)).findFirst().orElse(null);
    }

    private static boolean fresh(HubClient city, String id) {
        JsonObject o = office(city, id);
        return o != null && o.getValue("staleSince") == null;
    }

    private static int waiting(JsonObject office, String service) {
        return office.getJsonArray("services").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("service").equals(service)).findFirst()
                .map(s -> s.getInteger("waiting")).orElseThrow();
    }

    /**
     * Waits ({@link Await}) until {@code condition} holds, a condition that throws counting as not yet (no such office
     * yet, a member not answering); returns the nano time it was seen to hold.
     */
    private static long waitFor(Duration limit, BooleanSupplier condition) {
        Await.until(limit, () -> {
            try {
                return condition.getAsBoolean();
            } catch (RuntimeException notYet) {
                return false;
            }
        }, () -> "a condition of the city's view");
        return System.nanoTime();
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
