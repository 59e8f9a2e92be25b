package tw.queue.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import tw.queue.testsupport.HubProcess;

/**
 * Part C of the hub benchmark: N followers of the event stream while 25 counters work (each finishes its visit,
 * then calls the next citizen, then serves for 3-7 s) and a kiosk issues five numbers a second; the same load
 * client against the hub and against {@link BarePushServer}, each a child JVM with the same flags, one after
 * the other in the same run. Delivery = from sending the call to a follower reading its {@code ticket.called}.
 * A follower the server closes reconnects with {@code Last-Event-ID}, as the pages and agents do.
 */
final class FanOutBenchmark {
    private static final int COUNTERS = 25;
    private static final long MAX_US = TimeUnit.SECONDS.toMicros(120);
    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    /** What follows the id's digits in a ticket.called message (both servers frame it so). */
    private static final byte[] CALLED = "\nevent: ticket.called\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COUNTER = "\"counter\":".getBytes(StandardCharsets.US_ASCII);

    private FanOutBenchmark() {
    }

    /** What one server is told by the load client. */
    private interface Target {
        int port();

        long pid();

        String eventsPath();

        /** Ends counter c's visit and calls the next; the future says whether someone was called. */
        Future<Boolean> finishAndCall(int counter, AtomicLongArray callSentAt);

        Future<?> issue();

        void close();
    }

    /** One level: the hub and the bare server, each with {@code followers} followers; returns the table rows. */
    static List<String> level(Path root, int followers, int seconds, List<String> jvmArgs, List<String> servers)
            throws Exception {
        List<String> rows = new ArrayList<>();
        for (String which : servers) {
            rows.add(measure(which, root, followers, seconds, jvmArgs));
        }
        return rows;
    }

    private static String measure(String which, Path root, int followers, int seconds, List<String> jvmArgs)
            throws Exception {
        // The followers' streams are read and parsed on two event loops of their own; the counters and the kiosk
        // (whose latency is measured) on a third, which nothing else uses: a call-next answer is timed when it
        // arrives, not when a loop busy parsing ten thousand streams gets round to it. Both servers get the same.
        Vertx followersVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        Vertx commandVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        Path dir = root.resolve(which + "-" + followers);
        Files.createDirectories(dir);
        System.out.printf("%n[fan-out] %s, %,d followers: starting (load average %s)%n", which, followers,
                HubLoadBenchmark.loadAverage());
        Target target = "hub".equals(which) ? hub(commandVertx, dir, jvmArgs) : bare(commandVertx, dir, jvmArgs);
        try {
            return run(followersVertx, commandVertx, which, target, followers, seconds);
        } finally {
            target.close();
            followersVertx.close().await();
            commandVertx.close().await();
        }
    }

    private static String run(Vertx followersVertx, Vertx vertx, String which, Target target, int n, int seconds)
            throws Exception {
        HttpClient http = followersVertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(target.port()).setKeepAlive(true).setIdleTimeout(0).setConnectTimeout(10_000),
                new PoolOptions().setHttp1MaxSize(n + 8));
        SynchronizedHistogram delivery = new SynchronizedHistogram(MAX_US, 3);
        AtomicLongArray callSentAt = new AtomicLongArray(COUNTERS + 1);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong received = new AtomicLong();
        AtomicLong reconnects = new AtomicLong();
        List<Follower> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(new Follower(http, target.eventsPath(), callSentAt, delivery, measuring, received, reconnects));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i += 250) {
            List<Future<?>> batch = new ArrayList<>();
            for (int j = i; j < Math.min(n, i + 250); j++) {
                batch.add(all.get(j).connect());
            }
            Future.all(batch).await(60, TimeUnit.SECONDS);
        }
        System.out.printf("[fan-out] %s: %,d followers connected in %.1f s%n", which, n, (System.nanoTime() - t0) / 1e9);
        // a short warm-up with the same load, then the measured phase
        Load warm = new Load(vertx, target, callSentAt);
        warm.go(5);
        warm.await();
        measuring.set(true);
        long callsBefore = 0;
        long cpu0 = HubLoadBenchmark.cpuNanos(target.pid());
        String load0 = HubLoadBenchmark.loadAverage();
        Load load = new Load(vertx, target, callSentAt);
        load.go(seconds);
        load.await();
        long cpu = HubLoadBenchmark.cpuNanos(target.pid()) - cpu0;
        String status = status(target.pid());
        long calls = load.called.get() - callsBefore;
        long expected = calls * n;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        measuring.set(false);
        String load1 = HubLoadBenchmark.loadAverage();
        long missed = Math.max(0, expected - received.get());
        long commands = load.commands.get();
        String row = String.format(Locale.ROOT,
                "%-5s %,7d | %,6d calls | deliver p50 %8.1f p99 %8.1f max %8.1f ms | missed %,d, reconnects %,d"
                        + " | call p50 %6.1f p99 %6.1f ms | CPU %.2f ms/command | %s | load %s -> %s",
                which, n, calls, delivery.getValueAtPercentile(50) / 1000.0,
                delivery.getValueAtPercentile(99) / 1000.0, delivery.getMaxValue() / 1000.0, missed, reconnects.get(),
                load.callLatency.getValueAtPercentile(50) / 1000.0, load.callLatency.getValueAtPercentile(99) / 1000.0,
                cpu / 1e6 / Math.max(1, commands), status, load0, load1);
        System.out.println("[fan-out] " + row);
        for (Follower f : all) {
            f.stop();
        }
        http.close();
        return row;
    }

    /** VmRSS, VmHWM and the thread count of a process, from /proc/PID/status. */
    static String status(long pid) {
        String rss = "?";
        String hwm = "?";
        String threads = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                String v = line.substring(line.indexOf(':') + 1).trim();
                if (line.startsWith("VmRSS:")) {
                    rss = mb(v);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = mb(v);
                } else if (line.startsWith("Threads:")) {
                    threads = v;
                }
            }
        } catch (IOException | RuntimeException e) {
            return "RSS ?";
        }
        return "RSS " + rss + " MB (peak " + hwm + "), " + threads + " threads";
    }

    private static String mb(String kb) {
        return Long.toString(Long.parseLong(kb.replace("kB", "").trim()) / 1024);
    }

    /** One follower: an SSE connection that counts the calls it hears and how late. */
    private static final class Follower {
        private final HttpClient http;
        private final String path;
        private final AtomicLongArray callSentAt;
        private final SynchronizedHistogram delivery;
        private final AtomicBoolean measuring;
        private final AtomicLong received;
        private final AtomicLong reconnects;
        private byte[] pending = new byte[512];
        private int pendingLength;
        private long lastId = -1;
        private volatile boolean stopped;

        Follower(HttpClient http, String path, AtomicLongArray callSentAt, SynchronizedHistogram delivery,
                 AtomicBoolean measuring, AtomicLong received, AtomicLong reconnects) {
            this.http = http;
            this.path = path;
            this.callSentAt = callSentAt;
            this.delivery = delivery;
            this.measuring = measuring;
            this.received = received;
            this.reconnects = reconnects;
        }

        Future<?> connect() {
            return http.request(HttpMethod.GET, path).compose(req -> {
                if (lastId >= 0) {
                    req.putHeader("Last-Event-ID", Long.toString(lastId));
                }
                return req.send();
            }).compose(resp -> {
                pendingLength = 0;
                resp.handler(this::onData);
                resp.endHandler(v -> again());
                resp.exceptionHandler(e -> again());
                return Future.succeededFuture();
            }).onFailure(e -> again());
        }

        private void again() {
            if (!stopped) {
                reconnects.incrementAndGet();
                connect();
            }
        }

        void stop() {
            stopped = true;
        }

        /**
         * Scans the bytes as they come (no strings): a message is what ends at a blank line; of those with an
         * {@code id:} newer than the last, a {@code ticket.called} at counter 1..25 is timed. What a chunk leaves
         * unfinished waits in {@code pending}.
         */
        private void onData(Buffer chunk) {
            long now = System.nanoTime();
            byte[] bytes = chunk.getBytes();
            byte[] in;
            int len;
            if (pendingLength > 0) {
                in = java.util.Arrays.copyOf(pending, pendingLength + bytes.length);
                System.arraycopy(bytes, 0, in, pendingLength, bytes.length);
                len = in.length;
            } else {
                in = bytes;
                len = bytes.length;
            }
            int start = 0;
            for (int i = 0; i + 1 < len; i++) {
                if (in[i] == '\n' && in[i + 1] == '\n') {
                    message(in, start, i, now);
                    start = i + 2;
                    i++;
                }
            }
            pendingLength = len - start;
            if (pendingLength > 0) {
                if (pending.length < pendingLength) {
                    pending = new byte[Math.max(pendingLength, 2 * pending.length)];
                }
                System.arraycopy(in, start, pending, 0, pendingLength);
            }
        }

        /** One message, bytes [from, to). */
        private void message(byte[] b, int from, int to, long now) {
            if (!startsWith(b, from, to, ID)) {
                return;
            }
            long id = 0;
            int i = from + ID.length;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                id = id * 10 + (b[i] - '0');
            }
            if (id <= lastId) {
                return;
            }
            lastId = id;
            if (!startsWith(b, i, to, CALLED)) {
                return;
            }
            int at = indexOf(b, i, to, COUNTER);
            int c = 0;
            for (int k = at < 0 ? to : at + COUNTER.length; k < to && b[k] >= '0' && b[k] <= '9'; k++) {
                c = c * 10 + (b[k] - '0');
            }
            if (measuring.get() && c > 0 && c <= COUNTERS) {
                received.incrementAndGet();
                delivery.recordValue(Math.min(MAX_US, (now - callSentAt.get(c)) / 1000));
            }
        }

        private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
            if (to - from < prefix.length) {
                return false;
            }
            for (int k = 0; k < prefix.length; k++) {
                if (b[from + k] != prefix[k]) {
                    return false;
                }
            }
            return true;
        }

        private static int indexOf(byte[] b, int from, int to, byte[] what) {
            for (int i = from; i + what.length <= to; i++) {
                if (startsWith(b, i, to, what)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** 25 counters serving in turn and a kiosk issuing five numbers a second, for a number of seconds. */
    private static final class Load {
        private final Vertx vertx;
        private final Target target;
        private final AtomicLongArray callSentAt;
        final Histogram callLatency = new SynchronizedHistogram(MAX_US, 3);
        final AtomicLong called = new AtomicLong();
        final AtomicLong commands = new AtomicLong();
        private final List<Future<?>> loops = new ArrayList<>();
        private long until;

        Load(Vertx vertx, Target target, AtomicLongArray callSentAt) {
            this.vertx = vertx;
            this.target = target;
            this.callSentAt = callSentAt;
        }

        void go(int seconds) {
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int c = 1; c <= COUNTERS; c++) {
                io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
                int counter = c;
                // counters start spread over the first visit, not all at once
                vertx.setTimer(1 + ThreadLocalRandom.current().nextInt(5000), id -> counter(counter, done));
                loops.add(done.future());
            }
            io.vertx.core.Promise<Void> kiosk = io.vertx.core.Promise.promise();
            vertx.setTimer(200, id -> kiosk(kiosk));
            loops.add(kiosk.future());
        }

        void await() throws Exception {
            Future.all(loops).await(300, TimeUnit.SECONDS);
        }

        private void counter(int c, io.vertx.core.Promise<Void> done) {
            if (System.nanoTime() > until) {
                done.complete();
                return;
            }
            long t0 = System.nanoTime();
            target.finishAndCall(c, callSentAt).onComplete(ar -> {
                commands.addAndGet(2);
                if (ar.succeeded() && ar.result()) {
                    callLatency.recordValue(Math.min(MAX_US, (System.nanoTime() - t0) / 1000));
                    called.incrementAndGet();
                }
                vertx.setTimer(3000 + ThreadLocalRandom.current().nextInt(4000), id -> counter(c, done));
            });
        }

        private void kiosk(io.vertx.core.Promise<Void> done) {
            if (System.nanoTime() > until) {
                done.complete();
                return;
            }
            target.issue().onComplete(ar -> {
                commands.incrementAndGet();
                vertx.setTimer(200, id -> kiosk(done));
            });
        }
    }

    // ------------------------------------------------------------------------------------------- the targets

    private static Target hub(Vertx vertx, Path dir, List<String> jvmArgs) throws Exception {
        HubProcess hub = HubProcess.start(HubLoadBenchmark.classPath, dir.resolve("data"), dir.resolve("hub.log"), jvmArgs,
                Duration.ofSeconds(120));
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(hub.port()).setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(COUNTERS + 4));
        List<Integer> counters = new ArrayList<>();
        for (int c = 1; c <= COUNTERS; c++) {
            counters.add(c);
        }
        Map<Integer, String> tokens = HubLoadBenchmark.openCounters(client, counters);
        String[] services = {"transcript", "registration"};
        AtomicLong issued = new AtomicLong();
        Supplier<Future<?>> issue = () -> client.post("/api/tickets").putHeader("Authorization", "Bearer demo-kiosk-1")
                .sendJsonObject(new JsonObject().put("service", services[(int) (issued.getAndIncrement() % 2)]));
        // a lobby to start with: 150 waiting
        for (int i = 0; i < 150; i++) {
            issue.get().await(10, TimeUnit.SECONDS);
        }
        return new Target() {
            public int port() {
                return hub.port();
            }

            public long pid() {
                return hub.pid();
            }

            public String eventsPath() {
                return "/api/events";
            }

            public Future<Boolean> finishAndCall(int c, AtomicLongArray callSentAt) {
                String auth = "Bearer " + tokens.get(c);
                return client.post("/api/counters/" + c + "/finish").putHeader("Authorization", auth).send()
                        .compose(f -> {
                            callSentAt.set(c, System.nanoTime());
                            return client.post("/api/counters/" + c + "/call-next").putHeader("Authorization", auth)
                                    .send();
                        }).map(r -> r.statusCode() == 200);
            }

            public Future<?> issue() {
                return issue.get();
            }

            public void close() {
                client.close();
                hub.close();
            }
        };
    }

    private static Target bare(Vertx vertx, Path dir, List<String> jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(HubProcess.javaBinary());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", HubLoadBenchmark.classPath, BarePushServer.class.getName(),
                dir.resolve("events.log").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int port = -1;
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("listening on ")) {
                port = Integer.parseInt(line.substring(13).trim());
                break;
            }
        }
        if (port < 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the bare push server did not start");
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "bare-output");
        drain.setDaemon(true);
        drain.start();
        int bound = port;
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(port).setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(COUNTERS + 4));
        AtomicLong number = new AtomicLong(2000);
        // the same shape and size as the hub's ticket.called
        Supplier<JsonObject> called = () -> new JsonObject().put("type", "ticket.called")
                .put("at", java.time.Instant.now().toString()).put("number", number.incrementAndGet())
                .put("service", "transcript").put("priority", "none").put("recalls", 0).put("seq", 0);
        return new Target() {
            public int port() {
                return bound;
            }

            public long pid() {
                return p.pid();
            }

            public String eventsPath() {
                return "/events";
            }

            public Future<Boolean> finishAndCall(int c, AtomicLongArray callSentAt) {
                return client.post("/append").addQueryParam("type", "ticket.finished")
                        .sendJsonObject(called.get().put("type", "ticket.finished").put("counter", c))
                        .compose(f -> {
                            callSentAt.set(c, System.nanoTime());
                            return client.post("/append").addQueryParam("type", "ticket.called")
                                    .sendJsonObject(called.get().put("counter", c));
                        }).map(r -> r.statusCode() == 200);
            }

            public Future<?> issue() {
                return client.post("/append").addQueryParam("type", "ticket.issued")
                        .sendJsonObject(called.get().put("type", "ticket.issued"));
            }

            public void close() {
                client.close();
                p.destroy();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                p.destroyForcibly();
            }
        };
    }
}
