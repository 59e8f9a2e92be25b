package tw.queue.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.queue.hub.server.Limits;
import tw.queue.hub.testing.RawHttp;
import tw.queue.hub.testing.TestHub;

/**
 * Someone opens hundreds of connections and sends each request by halves, to hold the hub's connections: each
 * is closed once the header (or body) timeout passes, while the boards' event streams stay connected. The
 * timeouts are shortened for the test (1 s for a head, 2 s for a body; 10 s and 30 s in an office).
 */
class SlowClientsTest {
    private static final Limits SHORT = Limits.DEFAULT.withHeaderTimeout(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static Path data;
    private static TestHub hub;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory("hub-slow-clients");
        hub = TestHub.demoWithLimits(data, SHORT);
    }

    @AfterAll
    static void stop() throws IOException {
        hub.close();
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void twoHundredHalfSentRequestsAreClosedAfterTheHeaderTimeout() throws IOException {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = RawHttp.connect(hub.port(), "127.0.0." + (2 + i % 50));
                // the request line and one header, never the blank line that ends the head
                send(s, "GET /api/queue HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                slow.add(s);
            }
            for (Socket s : slow) {
                assertClosedWithin(s, Duration.ofSeconds(10));
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        assertThat(hub.client().get("/api/queue").status()).isEqualTo(200);
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws IOException {
        try (Socket s = RawHttp.connect(hub.port(), "127.0.0.3")) {
            assertClosedWithin(s, Duration.ofSeconds(10));
        }
    }

    @Test
    void aHalfSentBodyIsClosedAfterTheBodyTimeout() throws IOException {
        try (Socket s = RawHttp.connect(hub.port(), "127.0.0.4")) {
            send(s, "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n{\"username\":");
            assertClosedWithin(s, Duration.ofSeconds(10));
        }
    }

    @Test
    void aKeptAliveConnectionGetsItsAnswerThenTheSameTimeoutForItsNextHead() throws IOException {
        try (Socket s = RawHttp.connect(hub.port(), "127.0.0.5")) {
            send(s, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            byte[] buf = new byte[4096];
            int n = s.getInputStream().read(buf);
            assertThat(new String(buf, 0, n, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            send(s, "GET /health HTTP/1.1\r\n");
            assertClosedWithin(s, Duration.ofSeconds(10));
        }
    }

    @Test
    void anEventStreamFollowerStaysConnectedPastTheTimeouts() throws IOException {
        try (Socket s = RawHttp.connect(hub.port(), "127.0.0.6")) {
            send(s, "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            assertThat(new String(buf, 0, in.read(buf), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            // a number issued after both timeouts have passed still reaches the follower
            s.setSoTimeout(500);
            while (System.nanoTime() < end) {
                try {
                    assertThat(in.read(buf)).as("the stream is still open").isNotEqualTo(-1);
                } catch (SocketTimeoutException quiet) {
                    // nothing to read yet: the stream is quiet, not closed
                }
            }
            int number = hub.client().issue("passport").getInteger("number");
            s.setSoTimeout(10_000);
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("\"number\":" + number)) {
                int n = in.read(buf);
                assertThat(n).as("the stream is still open").isNotEqualTo(-1);
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads until the hub closes the connection; fails if it is still open after {@code within}. */
    private static void assertClosedWithin(Socket s, Duration within) throws IOException {
        s.setSoTimeout((int) within.toMillis());
        byte[] buf = new byte[4096];
        try {
            while (s.getInputStream().read(buf) != -1) {
                // whatever the hub sent before closing
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + within.toMillis() + " ms");
        } catch (java.net.SocketException reset) {
            // closed with a reset: closed all the same
        }
    }
}
