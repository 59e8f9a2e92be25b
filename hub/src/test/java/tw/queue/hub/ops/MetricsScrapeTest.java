package tw.queue.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.config.OperationsConfig;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;
import tw.queue.hub.testing.TestHub;

/**
 * "The district's monitoring scrapes the hub." After a morning's first numbers, {@code GET /metrics} from this
 * machine is valid Prometheus text ({@code promtool check metrics}, Debian's prometheus package) and counts
 * exactly what was done; from another address it is refused without the metrics token (or with a wrong one)
 * and served with the right one.
 */
class MetricsScrapeTest {
    private static final String TOKEN = "scrape-token-0123456789";

    @RegisterExtension
    final HubPerTest demo = HubPerTest.demo();
    private final HubClient hub = demo.client();

    @TempDir
    Path tmp;

    @Test
    void theMorningsNumbersAreCountedInValidPrometheusText() throws Exception {
        for (int i = 0; i < 3; i++) {
            hub.issue("transcript");
        }
        hub.issue("registration");
        hub.issue("registration");
        String clerk = hub.openCounter(1);
        hub.callNext(1, clerk);
        hub.finish(1, clerk);

        HubClient.Response r = hub.send(hub.request("/metrics", null).header("Accept", "text/plain").GET().build());
        assertThat(r.status()).isEqualTo(200);
        String text = r.body();
        promtoolAccepts(text);

        Map<String, Double> v = samples(text);
        assertThat(v).containsEntry("queue_tickets_issued_total{service=\"transcript\"}", 3.0)
                .containsEntry("queue_tickets_issued_total{service=\"registration\"}", 2.0)
                .containsEntry("queue_tickets_issued_total{service=\"passport\"}", 0.0);
        double called = sum(v, "queue_tickets_called_total{");
        double finished = sum(v, "queue_tickets_finished_total{");
        assertThat(called).isEqualTo(1.0);
        assertThat(finished).isEqualTo(1.0);
        assertThat(sum(v, "queue_waiting{")).isEqualTo(4.0);
        // the called ticket's wait is in its service's histogram, under the 15-minute bucket
        assertThat(sum(v, "queue_wait_seconds_count{")).isEqualTo(1.0);
        assertThat(v.keySet()).anyMatch(k -> k.startsWith("queue_wait_seconds_bucket{") && k.contains("le=\"900.0\""));
        assertThat(v.get("queue_event_log_append_seconds_count")).isGreaterThanOrEqualTo(7.0);
        assertThat(v).containsKey("queue_writer_queue_depth").containsKey("queue_event_stream_followers")
                .containsKey("queue_devices{status=\"ok\"}");

        hub.postJson("/api/login", null, new io.vertx.core.json.JsonObject().put("username", "manager")
                .put("password", "wrong"));
        Map<String, Double> after = samples(hub.get("/metrics").body());
        assertThat(after.get("queue_login_failures_total")).isEqualTo(v.get("queue_login_failures_total") + 1);
    }

    @Test
    void anotherAddressNeedsTheMetricsToken() {
        Optional<InetAddress> lan = lanAddress();
        Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to call from");
        TestHub office = demo.replace(data -> TestHub.demoOf(data, TestHub.DEMO.withOperations(new OperationsConfig(
                new OperationsConfig.Metrics(Optional.of(TOKEN), List.of("192.0.2.250")), null, null)),
                "0.0.0.0", Clock.systemUTC()));
        HubClient fromLan = new HubClient("http://" + lan.get().getHostAddress() + ":" + office.port());

        HubClient.Response none = fromLan.get("/metrics");
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.error()).isEqualTo("metrics-forbidden");
        HubClient.Response wrong = fromLan.send(fromLan.request("/metrics", "scrape-token-wrong-0000").GET().build());
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.error()).isEqualTo("metrics-forbidden");
        // a staff token is no metrics token
        String manager = office.client().login("manager");
        assertThat(fromLan.send(fromLan.request("/metrics", manager).GET().build()).status()).isEqualTo(403);

        HubClient.Response right = fromLan.send(fromLan.request("/metrics", TOKEN).GET().build());
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).contains("queue_tickets_issued_total{service=\"transcript\"}");
        assertThat(office.client().get("/metrics").status()).isEqualTo(200);
    }

    @Test
    void theAccessRuleAllowsLoopbackTheListAndTheTokenOnly() {
        MetricsAccess access = new MetricsAccess(new OperationsConfig.Metrics(Optional.of(TOKEN),
                List.of("192.168.10.5", "fd00::9")));
        assertThat(access.permits("127.0.0.1", null)).isTrue();
        assertThat(access.permits("127.0.0.2", null)).isTrue();
        assertThat(access.permits("0:0:0:0:0:0:0:1", null)).isTrue();
        assertThat(access.permits("::ffff:127.0.0.1", null)).isTrue();
        assertThat(access.permits("192.168.10.5", null)).isTrue();
        assertThat(access.permits("fd00:0:0:0:0:0:0:9", null)).isTrue();
        assertThat(access.permits("192.168.10.6", null)).isFalse();
        assertThat(access.permits("192.168.10.6", "Bearer " + TOKEN)).isTrue();
        assertThat(access.permits("192.168.10.6", "bearer " + TOKEN)).isTrue();
        assertThat(access.permits("192.168.10.6", "Bearer " + TOKEN + "x")).isFalse();
        assertThat(access.permits("192.168.10.6", TOKEN)).isFalse();
        assertThat(access.permits("192.168.10.6", "Bearer ")).isFalse();
        assertThat(access.permits(null, "Bearer nope")).isFalse();
        assertThat(access.permits("localhost", null)).isFalse();
        MetricsAccess noToken = new MetricsAccess(OperationsConfig.Metrics.LOOPBACK_ONLY);
        assertThat(noToken.permits("192.168.10.6", "Bearer ")).isFalse();
        assertThat(noToken.permits("192.168.10.6", "Bearer")).isFalse();
    }

    private void promtoolAccepts(String text) throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool),
                "promtool is missing: scripts/install-browser-deps.sh installs Debian's prometheus package");
        Path out = tmp.resolve("promtool.out");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool check metrics said:\n" + Files.readString(out)).isZero();
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

    /** Each sample line as name{labels} to value (labels as written). */
    static Map<String, Double> samples(String text) {
        Map<String, Double> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                out.put(m.group(1).replace(",}", "}"), Double.parseDouble(m.group(2)));
            }
        }
        return out;
    }

    private static double sum(Map<String, Double> v, String prefix) {
        return v.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    private static Optional<InetAddress> lanAddress() {
        try {
            return NetworkInterface.networkInterfaces().filter(i -> {
                try {
                    return i.isUp() && !i.isLoopback();
                } catch (SocketException e) {
                    return false;
                }
            }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}
