package tw.queue.hub.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.testsupport.Await;
import tw.queue.testsupport.HubProcess;

/**
 * "The disk fills up mid-morning." The hub's data directory is on a small file system of its own (a tmpfs
 * mounted for the test, so it needs root: the test is skipped, saying why, when it is not root or may not
 * mount). Four kiosks take numbers; a filler file takes every free byte; the kiosks must get 503
 * {@code store-unavailable} (never a hang) and {@code GET /health} must answer 503 with the reason. Then the
 * filler is deleted and, without a restart, numbers are given again and {@code /health} is 200. Finally the hub
 * is killed (SIGKILL) and started again on the same data: every ticket answered 201 is there, and no ticket
 * answered 503 is (the waiting count per service equals the 201s exactly, and the next number follows them).
 * A kiosk paired while the disk is full (a write of another store on the same connection) is refused or paired
 * for real, and leaves the connection sound for the log.
 */
@Tag("slow")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DiskFullTest {
    private static final List<String> SERVICES = List.of("transcript", "registration");
    private static final int KIOSKS = 4;
    private static final String KIOSK = "Bearer demo-kiosk-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Big enough for the hub's fresh database and its write-ahead log, small enough to fill in a moment. */
    private static final String TMPFS_SIZE = "48m";
    /** A small heap and a quick-starting JIT, as in KillDuringIssueTest: the test is about the log. */
    private static final List<String> JVM_ARGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path tmp;

    private Path mountPoint;
    private boolean mounted;
    private HubProcess hub;
    private ExecutorService kiosks;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** One kiosk's request and what came of it. */
    private record Answer(String service, int status, String error, String id, Integer number, long atNanos) {
    }

    @AfterEach
    void tearDown() throws Exception {
        if (kiosks != null) {
            kiosks.shutdownNow();
        }
        if (hub != null) {
            hub.kill9();
        }
        if (mounted) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    @Test
    void aFullDiskRefusesNumbersWithoutStoringThemAndTheHubRecoversByItselfWhenSpaceIsFreed() throws Exception {
        mountTinyFileSystem();
        Path data = mountPoint.resolve("data");
        Path logFile = tmp.resolve("hub.log");
        String classPath = HubProcess.snapshotClassPath(tmp.resolve("classpath"));
        hub = HubProcess.start(classPath, data, logFile, JVM_ARGS, START_TIMEOUT);
        JsonObject office = getJson("/api/office");
        ZoneId zone = ZoneId.of(office.getString("timezone"));
        LocalDate day = LocalDate.now(zone);

        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        kiosks = Executors.newFixedThreadPool(KIOSKS);
        List<Future<?>> running = new ArrayList<>();
        for (int k = 0; k < KIOSKS; k++) {
            int kiosk = k;
            running.add(kiosks.submit(() -> {
                int i = kiosk;
                while (!stop.get()) {
                    answers.add(issue(SERVICES.get(i++ % SERVICES.size())));
                }
                return null;
            }));
        }
        try {
            Await.until(Duration.ofSeconds(30), () -> count(answers, 201) >= 40, "40 numbers before the disk fills");

            // The disk fills up.
            Path filler = mountPoint.resolve("filler");
            long filledFrom = System.nanoTime();
            long filled = fill(filler);
            long fullAt = System.nanoTime();
            Await.until(Duration.ofSeconds(60), () -> answers.stream().anyMatch(a -> a.status() == 503),
                    () -> "a 503 once the disk is full (" + filled + " bytes of filler); answers: " + summary(answers)
                            + "\nhub log:\n" + tail(HubProcess.readLog(logFile)));
            HttpResponse<String> sick = get("/health");
            assertThat(sick.statusCode()).as("/health while the disk is full: %s", sick.body()).isEqualTo(503);
            assertThat(new JsonObject(sick.body()).getString("reason")).as(sick.body()).isEqualTo("disk-full");
            Await.until(Duration.ofSeconds(30), () -> count(answers, 503) >= 10, "ten refusals while full");
            assertThat(answers).filteredOn(a -> a.status() == 503)
                    .allSatisfy(a -> assertThat(a.error()).isEqualTo("store-unavailable"));
            // A kiosk paired meanwhile (another store on the same connection): refused, or paired for real.
            pairedWhileFull = pairKiosk();
            assertThat(pairedWhileFull.statusCode()).as(pairedWhileFull.body()).isIn(200, 503);

            // Space is freed: the hub writes again by itself.
            Files.delete(filler);
            long freedAt = System.nanoTime();
            Await.until(Duration.ofSeconds(30), () -> answers.stream()
                            .anyMatch(a -> a.status() == 201 && a.atNanos() > freedAt),
                    () -> "a number given again after the filler was deleted; answers: " + summary(answers)
                            + "\nhub log:\n" + tail(HubProcess.readLog(logFile)));
            Await.until(Duration.ofSeconds(30), () -> get("/health").statusCode() == 200,
                    () -> "/health 200 again: " + get("/health").body());
            long afterFreed = answers.stream().filter(a -> a.status() == 201 && a.atNanos() > freedAt).count();
            Await.until(Duration.ofSeconds(30), () -> answers.stream()
                    .filter(a -> a.status() == 201 && a.atNanos() > freedAt).count() >= afterFreed + 20,
                    "twenty more numbers after recovery");
            System.out.printf("disk full: the filler took %.1f s to write%n", (fullAt - filledFrom) / 1e9);
            System.out.printf("disk full: first 503 %.1f s after the filler; %d refused; numbers again %.1f s after"
                    + " it was deleted%n", (firstAt(answers, 503, fullAt) - fullAt) / 1e9, count(answers, 503),
                    (firstAt(answers, 201, freedAt) - freedAt) / 1e9);
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(answers).as("every request answered 201 or 503, none hung or failed otherwise")
                .allSatisfy(a -> assertThat(a.status()).isIn(201, 503));

        // A power cut after all that: what was answered 201 is there, what was answered 503 is not.
        long killedAt = System.nanoTime();
        assertThat(hub.kill9()).isEqualTo(137);
        hub = HubProcess.start(classPath, data, logFile, JVM_ARGS, START_TIMEOUT);
        System.out.printf("disk full: %d answered 201, %d answered 503, the pairing while full %d; restarted in %.1f s%n",
                count(answers, 201), count(answers, 503), pairedWhileFull.statusCode(),
                (System.nanoTime() - killedAt) / 1e9);
        Assumptions.assumeTrue(day.equals(LocalDate.now(zone)), "the office day rolled over during the test");
        List<Answer> issued = answers.stream().filter(a -> a.status() == 201).toList();
        long checking = System.nanoTime();
        List<String> missing = issued.parallelStream().filter(a -> {
            HttpResponse<String> r = get("/api/tickets/" + a.id());
            return r.statusCode() != 200 || !a.number().equals(new JsonObject(r.body()).getInteger("number"));
        }).map(Answer::toString).toList();
        assertThat(missing).as("tickets answered 201 that are not in the log as answered").isEmpty();
        System.out.printf("disk full: %d tickets checked in %.1f s%n", issued.size(), (System.nanoTime() - checking) / 1e9);
        JsonArray services = getJson("/api/queue").getJsonArray("services");
        Map<String, Long> waiting = new HashMap<>();
        for (int i = 0; i < services.size(); i++) {
            waiting.put(services.getJsonObject(i).getString("id"), services.getJsonObject(i).getLong("waiting"));
        }
        Map<String, Long> answered201 = issued.stream().collect(Collectors.groupingBy(Answer::service,
                Collectors.counting()));
        for (String s : SERVICES) {
            assertThat(waiting.get(s)).as("%s tickets in the log vs answered 201 (a 503 must mean not stored)", s)
                    .isEqualTo(answered201.getOrDefault(s, 0L));
            int next = issue(s).number();
            int maxAnswered = issued.stream().filter(a -> a.service().equals(s)).mapToInt(Answer::number).max()
                    .orElse(0);
            assertThat(next).as("the next %s number follows the last one answered 201", s).isEqualTo(maxAnswered + 1);
        }
        if (pairedWhileFull.statusCode() == 200) {
            String token = new JsonObject(pairedWhileFull.body()).getString("token");
            assertThat(post("/api/tickets", token, new JsonObject().put("service", "seal")).statusCode())
                    .as("the kiosk paired while the disk was full, answered 200, is known after the restart")
                    .isEqualTo(201);
        }
    }

    private HttpResponse<String> pairedWhileFull;

    /** The manager makes a pairing code and a kiosk claims it. */
    private HttpResponse<String> pairKiosk() {
        HttpResponse<String> login = post("/api/login", null, new JsonObject().put("username", "manager")
                .put("password", tw.queue.hub.DemoOffice.PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String manager = new JsonObject(login.body()).getString("token");
        HttpResponse<String> code = post("/api/pairings", manager, new JsonObject().put("type", "kiosk")
                .put("name", "spare-kiosk"));
        assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
        return post("/api/pairings/claim", null, new JsonObject().put("code", new JsonObject(code.body())
                .getString("code")));
    }

    private HttpResponse<String> post(String path, String token, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(hub.uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("POST " + path + ": " + e, e);
        }
    }

    private void mountTinyFileSystem() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "SKIPPED: the disk-full test mounts a small tmpfs and needs root (.ci/run runs as root)");
        mountPoint = Files.createDirectories(tmp.resolve("tiny-disk"));
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_SIZE, "tmpfs", mountPoint.toString());
        Assumptions.assumeTrue(out == null, () -> "SKIPPED: mount -t tmpfs is not permitted here: " + out);
        mounted = true;
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }

    /** Writes until the file system says it is full; returns how much was written. */
    private static long fill(Path filler) {
        byte[] chunk = new byte[256 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            // No space left on device: the point.
        }
        // The last bytes, a few at a time, so nothing is left over.
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(chunk, 0, 512);
                out.flush();
                written += 512;
            }
        } catch (IOException full) {
            return written;
        }
    }

    private Answer issue(String service) {
        HttpRequest req = HttpRequest.newBuilder(hub.uri("/api/tickets")).timeout(Duration.ofSeconds(20))
                .header("Authorization", KIOSK).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("service", service).encode())).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonObject body = r.body().isBlank() ? new JsonObject() : new JsonObject(r.body());
            return new Answer(service, r.statusCode(), body.getString("error"), body.getString("id"),
                    body.getInteger("number"), System.nanoTime());
        } catch (IOException e) {
            return new Answer(service, -1, e.toString(), null, null, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(service, -2, "interrupted", null, null, System.nanoTime());
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(hub.uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + path + ": " + e, e);
        }
    }

    private JsonObject getJson(String path) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static long count(Queue<Answer> answers, int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    private static long firstAt(Queue<Answer> answers, int status, long after) {
        return answers.stream().filter(a -> a.status() == status && a.atNanos() > after).mapToLong(Answer::atNanos)
                .min().orElse(after);
    }

    private static String summary(Queue<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(a -> a.status() + " " + a.error(),
                Collectors.counting())).toString();
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }
}
