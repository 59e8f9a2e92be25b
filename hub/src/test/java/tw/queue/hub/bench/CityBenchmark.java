package tw.queue.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tw.queue.config.CityConfig;
import tw.queue.hub.city.CityCluster;
import tw.queue.hub.city.CityMember;
import tw.queue.hub.city.CityView;
import tw.queue.hub.city.OfficeSummaryPublisher;
import tw.queue.hub.testing.TestHub;
import tw.queue.testsupport.Await;

/**
 * The city at scale, on one machine, in this JVM: (A) every office a cluster member of its own (29, Taichung's
 * count: a Hazelcast member and a clustered Vert.x each, publishing through {@link OfficeSummaryPublisher} as an
 * office hub does) and the city member; (B) 370 offices (Taiwan's count) publishing through one member to the
 * city member. Each office's figures change every second (an upper bound: a busy office's waiting counts and
 * estimates change every few seconds), so every office publishes once a second. Prints the summary delivery
 * latency (publish to the city's view), the event-bus traffic the city receives, the memory and threads per
 * member (A), the time a restarted member takes to be back in the view (A), and what one read of the view costs.
 *
 * <pre>
 * mvn -B -q -ntp install -DskipTests && mvn -B -q -ntp -pl hub exec:java@city-bench [-Dexec.args="--members=29 --publishers=370 --seconds=30"]
 * </pre>
 */
public final class CityBenchmark {
    private CityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int members = Integer.parseInt(a.getOrDefault("members", "29"));
        int publishers = Integer.parseInt(a.getOrDefault("publishers", "370"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "30"));
        JsonObject sample = sampleSummary();
        System.out.printf(Locale.ROOT, "[city] one office's summary: %d services, %d bytes as JSON; %d cores, load %s%n",
                sample.getJsonArray("services").size(), sample.encode().length(),
                Runtime.getRuntime().availableProcessors(), HubLoadBenchmark.loadAverage());
        List<String> rows = new ArrayList<>();
        if (members > 0) {
            rows.addAll(membersRun(sample, members, seconds));
        }
        if (publishers > 0) {
            rows.addAll(publishersRun(sample, publishers, seconds));
        }
        System.out.println();
        System.out.println("[city] summary");
        rows.forEach(r -> System.out.println("[city] " + r));
        System.exit(0);
    }

    /** The Xitun demo hub's own summary (its services and names), the shape every office sends. */
    private static JsonObject sampleSummary() throws IOException {
        Path dir = Files.createTempDirectory("city-bench");
        try (TestHub hub = TestHub.demo(dir)) {
            return hub.verticle().publicSummary().await();
        }
    }

    /** One office's figures, changing every second: a random walk of each service's queue. */
    private static Supplier<Future<JsonObject>> office(JsonObject sample, int i) {
        Random random = new Random(i);
        String id = String.format(Locale.ROOT, "office-%03d", i);
        JsonObject summary = sample.copy();
        summary.put("office", new JsonObject().put("id", id).put("name",
                new JsonObject().put("zh-TW", "第" + i + "戶政事務所").put("en", "Office " + i)));
        return () -> {
            for (Object o : summary.getJsonArray("services")) {
                JsonObject s = (JsonObject) o;
                int waiting = Math.max(0, s.getInteger("waiting", 0) + random.nextInt(3) - 1);
                s.put("waiting", waiting).put("estimatedWaitSeconds", waiting * 240 + random.nextInt(60));
            }
            return Future.succeededFuture(summary.copy().put("asOf", java.time.Instant.now().toString()));
        };
    }

    /** What the city member hears: every summary's delay from its publication, and its bytes. */
    private static final class Listener {
        final ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong messages = new AtomicLong();
        volatile boolean measuring;

        void follow(CityMember city) {
            city.vertx().eventBus().<JsonObject>consumer(CityCluster.SUMMARY_ADDRESS, m -> {
                if (measuring) {
                    delays.add(System.currentTimeMillis() - m.body().getLong("publishedAt"));
                    bytes.addAndGet(m.body().encode().length());
                    messages.incrementAndGet();
                }
            });
        }

        String row(String what, int seconds) {
            long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
            return String.format(Locale.ROOT, "%s: delivery publish -> city p50 %d ms, p99 %d ms, max %d ms over %d summaries;"
                            + " traffic to the city %.1f summaries/s, %.1f kB/s of JSON (%.2f MB an 8-hour day)",
                    what, pct(d, 50), pct(d, 99), pct(d, 100), d.length, messages.get() / (double) seconds,
                    bytes.get() / 1e3 / seconds, bytes.get() / (double) seconds * 8 * 3600 / 1e6);
        }
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    // --- (A) every office a member

    private static List<String> membersRun(JsonObject sample, int n, int seconds) throws Exception {
        int[] ports = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            ports[i] = freePort();
        }
        CityConfig city = city("bench-members", ports[0], ports);
        Heap base = Heap.now();
        long t0 = System.nanoTime();
        CityMember cityMember = CityCluster.join(city).await();
        CityView view = new CityView(city);
        cityMember.onMemberLeft(view::memberLeft);
        view.follow(cityMember.vertx()).await();
        Listener listener = new Listener();
        listener.follow(cityMember);
        Heap one = Heap.now();
        Vertx timers = Vertx.vertx();
        List<OfficeSummaryPublisher> offices = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            OfficeSummaryPublisher p = new OfficeSummaryPublisher(timers, city.withPort(ports[i]), office(sample, i));
            p.start();
            offices.add(p);
        }
        waitUntil(() -> freshOffices(view) == n, 600_000);
        double formed = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "[city] A: %d office members and the city formed, every office in the view, after %.1f s%n", n, formed);
        listener.measuring = true;
        Thread.sleep(seconds * 1000L);
        listener.measuring = false;
        Heap all = Heap.now();
        long viewNanos = viewRead(view);
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "A, %d office members + the city member, one JVM: formed in %.1f s", n, formed));
        rows.add(listener.row("A, " + n + " members", seconds));
        rows.add(String.format(Locale.ROOT, "A: memory per office member %.1f MB heap after GC, %d threads (the city member"
                        + " alone: %.1f MB, %d threads; JVM resident %d MB with all %d)",
                (all.heapMb - one.heapMb) / n, (all.threads - one.threads) / n, one.heapMb - base.heapMb,
                one.threads - base.threads, all.rssMb, n + 1));
        // a member restarted: left (as its hub's stop does), then a new one for the same office
        List<Long> backs = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            int i = 1 + round;
            offices.get(i - 1).close().await();
            String id = String.format(Locale.ROOT, "office-%03d", i);
            waitUntil(() -> stale(view, id), 60_000);
            long t = System.nanoTime();
            OfficeSummaryPublisher again = new OfficeSummaryPublisher(timers, city.withPort(ports[i]), office(sample, i));
            again.start();
            offices.set(i - 1, again);
            // stale since its member left; a summary from the new member takes it back
            waitUntil(() -> !stale(view, id), 120_000);
            backs.add((System.nanoTime() - t) / 1_000_000);
        }
        rows.add("A: a restarted member (left, then joined again as a new member) back in the view after "
                + backs.stream().map(ms -> String.format(Locale.ROOT, "%.1f", ms / 1000.0)).toList() + " s");
        rows.add(String.format(Locale.ROOT, "A: one build of the view (%d offices, JSON; GET reuses it for 250 ms) %.2f ms", n, viewNanos / 1e6));
        for (OfficeSummaryPublisher p : offices) {
            p.close().await();
        }
        timers.close().await();
        cityMember.close().await();
        rows.forEach(r -> System.out.println("[city] " + r));
        return rows;
    }

    // --- (B) many offices through one member

    private static List<String> publishersRun(JsonObject sample, int n, int seconds) throws Exception {
        int[] ports = {freePort(), freePort()};
        CityConfig city = city("bench-publishers", ports[0], ports);
        CityMember cityMember = CityCluster.join(city).await();
        CityView view = new CityView(city);
        view.follow(cityMember.vertx()).await();
        Listener listener = new Listener();
        listener.follow(cityMember);
        CityMember gateway = CityCluster.join(city.withPort(ports[1])).await();
        Vertx timers = Vertx.vertx();
        List<OfficeSummaryPublisher> offices = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            OfficeSummaryPublisher p = new OfficeSummaryPublisher(timers, city, () -> Future.succeededFuture(gateway),
                    office(sample, i));
            p.start();
            offices.add(p);
        }
        waitUntil(() -> freshOffices(view) == n, 120_000);
        System.out.printf(Locale.ROOT, "[city] B: %d offices through one member, every office in the view after %.1f s%n",
                n, (System.nanoTime() - t0) / 1e9);
        listener.measuring = true;
        Thread.sleep(seconds * 1000L);
        listener.measuring = false;
        long viewNanos = viewRead(view);
        List<String> rows = new ArrayList<>();
        rows.add(listener.row("B, " + n + " offices through one member", seconds));
        rows.add(String.format(Locale.ROOT, "B: one build of the view (%d offices, JSON; GET reuses it for 250 ms) %.2f ms, %d kB",
                n, viewNanos / 1e6, view.json(System.currentTimeMillis()).encode().length() / 1000));
        timers.close().await();
        gateway.close().await();
        cityMember.close().await();
        rows.forEach(r -> System.out.println("[city] " + r));
        return rows;
    }

    // --- helpers

    private static CityConfig city(String id, int port, int[] members) {
        return new CityConfig(id, Map.of("zh-TW", "測試市", "en", "Bench City"), "127.0.0.1", port,
                Arrays.stream(members).mapToObj(p -> new CityConfig.Member("127.0.0.1", p)).toList(),
                List.of("transcript", "registration"));
    }

    /** The median time of 20 reads of the whole view as JSON text (what GET /api/public/city costs the member). */
    private static long viewRead(CityView view) {
        long[] t = new long[20];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            view.json(System.currentTimeMillis()).encode();
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private static JsonArray offices(CityView view) {
        return view.json(System.currentTimeMillis()).getJsonArray("offices");
    }

    private static long freshOffices(CityView view) {
        return offices(view).stream().map(JsonObject.class::cast).filter(o -> o.getValue("staleSince") == null).count();
    }

    private static JsonObject office(CityView view, String id) {
        return offices(view).stream().map(JsonObject.class::cast)
                .filter(o -> o.getJsonObject("office").getString("id").equals(id)).findFirst().orElse(null);
    }

    private static boolean stale(CityView view, String id) {
        JsonObject o = office(view, id);
        return o != null && o.getValue("staleSince") != null;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, long ms) {
        Await.until(Duration.ofMillis(ms), condition, "the city's view");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Heap used after a full GC, live threads and the JVM's resident memory. */
    private record Heap(double heapMb, int threads, long rssMb) {
        static Heap now() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return new Heap(heap, ManagementFactory.getThreadMXBean().getThreadCount(), rss);
        }
    }
}
