package tw.queue.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.RawHttp;
import tw.queue.hub.testing.TestHub;

/**
 * Found by the fuzzer (seed 20261202): a body over the hub's limit got no answer at all. The hub refused it before
 * reading it and closed the connection while the client was still sending; the kernel answered the unread bytes
 * with a reset, and the 413 already sent was lost with it. Now every client reads its answer: a 300 kB and a 2 MB
 * body, with a length or chunked, from the JDK's client and from one that writes the whole request before it reads,
 * with the right token, a token of another role and none. Nothing changes, and the next request works.
 */
class OversizedBodiesTest {
    private static final String ROUTE = "/api/tickets";
    /** The fuzzer's (just over the limit), and two well over it. */
    private static final int[] SIZES = {100_000, 300_000, 2_000_000};

    @TempDir
    static Path data;
    static TestHub hub;
    static HubClient http;
    static String service;
    /** The JDK client of the last request: the next request is sent with it too (README: the fuzzer's failure). */
    static HttpClient jdkClient;

    @BeforeAll
    static void start() {
        hub = TestHub.demo(data);
        http = hub.client();
        service = http.get("/api/office").json().getJsonArray("counters").getJsonObject(0).getJsonArray("services")
                .getString(0);
        http.issue(service);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    /** A ticket request with a long field: valid JSON, only too big. */
    private static byte[] body(int size) {
        String head = "{\"service\":\"" + service + "\",\"note\":\"";
        return (head + "a".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Who sends it: the kiosk (whose route it is), a board (a role the route leaves out), no one. */
    private static final String[] TOKENS = {"demo-kiosk-1", "demo-board-1", null};

    @Test
    void theJdkClientReadsA413ForABodyWithItsLength() throws Exception {
        theJdkClientReadsTheAnswer(false);
    }

    @Test
    void theJdkClientReadsTheAnswerToAChunkedBody() throws Exception {
        theJdkClientReadsTheAnswer(true);
    }

    private void theJdkClientReadsTheAnswer(boolean chunked) throws Exception {
        for (int size : SIZES) {
            for (String token : TOKENS) {
                String what = size + " bytes " + (chunked ? "chunked" : "with a length") + ", token " + token;
                JsonObject before = snapshot();
                byte[] body = body(size);
                // from an input stream the length is not known, so the JDK's client sends it chunked
                HttpResponse<String> r = jdk(token, chunked
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body), what);
                int status = expected(token, chunked);
                assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(status);
                assertJsonError(r.body(), status == 413 ? "body-too-large" : null, what);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
                assertTheSameClientGoesOn(what);
                assertNothingChangedAndTheNextRequestWorks(before, what);
            }
        }
    }

    /**
     * The simplest client: it writes the whole request, then reads. It must not find the connection reset; and if
     * the hub leaves the connection open, the next request on it is answered.
     */
    @Test
    void aClientThatWritesEverythingBeforeReadingStillGetsTheAnswer() throws Exception {
        for (int size : SIZES) {
            for (String token : TOKENS) {
                for (boolean chunked : new boolean[] {false, true}) {
                    String what = size + " bytes " + (chunked ? "chunked" : "with a length") + ", token " + token
                            + ", written whole before reading";
                    JsonObject before = snapshot();
                    try (Socket s = RawHttp.connect(hub.port(), "127.0.0.1")) {
                        s.setSoTimeout(30_000);
                        writeAll(s, token, body(size), chunked);
                        RawHttp.Response r = readOne(s.getInputStream(), what);
                        int status = expected(token, chunked);
                        assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(status);
                        assertJsonError(r.body(), status == 413 ? "body-too-large" : null, what);
                        assertClosedCleanly(s, r, what);
                    }
                    assertTheSameClientGoesOn(what);
                    assertNothingChangedAndTheNextRequestWorks(before, what);
                }
            }
        }
    }

    /**
     * A client that asks first ({@code Expect: 100-continue}, as curl does for a big body) and is refused sends no
     * body at all: the hub must not take its next request for the body it waits for.
     */
    @Test
    void aClientThatAskedToContinueIsRefusedAndItsNextRequestIsNotTakenForTheBody() throws Exception {
        for (String token : TOKENS) {
            String what = "2 MB announced with Expect: 100-continue, token " + token;
            JsonObject before = snapshot();
            try (Socket s = RawHttp.connect(hub.port(), "127.0.0.1")) {
                s.setSoTimeout(15_000);
                String head = "POST " + ROUTE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\n"
                        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                        + "Content-Type: application/json\r\nContent-Length: 2000000\r\nExpect: 100-continue\r\n\r\n";
                s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                RawHttp.Response r = readOne(s.getInputStream(), what);
                assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(413);
                assertJsonError(r.body(), "body-too-large", what);
                assertClosedCleanly(s, r, what);
            }
            assertNothingChangedAndTheNextRequestWorks(before, what);
        }
    }

    /**
     * Found by the fuzzer's next long run: a URL over the limit (414) or too many header bytes (431) with a body.
     * The HTTP decoder refuses the head and Vert.x closed the connection at once, while the body was still
     * coming: a broken pipe for the client, and no answer. The hub keeps the connection a few seconds after such
     * an answer (the decoder throws whatever still comes away) and closes it when the client does.
     */
    @Test
    void aRequestWhoseHeadIsRefusedStillGetsItsAnswerWhileItsBodyIsComing() throws Exception {
        boolean first = true;
        for (int size : SIZES) {
            for (boolean chunked : new boolean[] {false, true}) {
                for (String what : new String[] {"a 10 kB URL", "20 kB of headers"}) {
                    String label = what + " and " + size + " bytes " + (chunked ? "chunked" : "with a length");
                    JsonObject before = snapshot();
                    try (Socket s = RawHttp.connect(hub.port(), "127.0.0.1")) {
                        s.setSoTimeout(30_000);
                        String path = what.contains("URL") ? ROUTE + "?x=" + "a".repeat(10_000) : ROUTE;
                        String extra = what.contains("headers") ? "X-Padding: " + "b".repeat(20_000) + "\r\n" : "";
                        writeAll(s, path, "demo-kiosk-1", extra, body(size), chunked);
                        RawHttp.Response r = readOne(s.getInputStream(), label);
                        int status = what.contains("URL") ? 414 : 431;
                        assertThat(r.status()).as(label + ": " + r.body()).isEqualTo(status);
                        assertJsonError(r.body(), status == 414 ? "uri-too-long" : "headers-too-large", label);
                        if (first) {
                            // a client that stays: the hub ends the connection itself after its linger
                            assertClosedCleanly(s, r, label);
                            first = false;
                        } else {
                            // a client that is done once it has the answer closes its side: an end, not a reset
                            assertThat(r.header("Connection")).as(label).isEqualToIgnoringCase("close");
                            s.shutdownOutput();
                            assertClosedCleanly(s, r, label);
                        }
                    }
                    assertNothingChangedAndTheNextRequestWorks(before, label);
                }
            }
        }
    }

    /**
     * An answer given before the body was read says the connection will close, and it does once the rest is read:
     * an end, not a reset. A hub that kept it open must answer the next request on it, not take it for the body.
     */
    private static void assertClosedCleanly(Socket s, RawHttp.Response r, String what) throws Exception {
        if (!"close".equalsIgnoreCase(r.header("Connection"))) {
            writeAll(s, null, null, false);
            assertThat(readOne(s.getInputStream(), "the next request after " + what).status())
                    .as("the next request on the connection after " + what).isEqualTo(200);
            throw new AssertionError("an answer before the body was read, without Connection: close: " + what);
        }
        try {
            assertThat(s.getInputStream().read()).as("the connection's end after " + what).isEqualTo(-1);
        } catch (IOException e) {
            throw new AssertionError("the connection was reset, not closed, after " + what + ": " + e, e);
        }
    }

    /** A client that would send for ever is cut off once the hub has read a few megabytes away. */
    @Test
    void aBodyThatNeverEndsIsCutOffAfterTheDrainLimit() throws Exception {
        JsonObject before = snapshot();
        try (Socket s = RawHttp.connect(hub.port(), "127.0.0.1")) {
            s.setSoTimeout(30_000);
            String head = "POST " + ROUTE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-kiosk-1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            long sent = 0;
            try {
                // 64 MB at most: far past the limit (64 KiB) and the drain limit (8 MiB)
                while (sent < 64L * 1024 * 1024) {
                    out.write(chunk);
                    sent += chunk.length;
                }
                throw new AssertionError("the hub read 64 MB of a body it had refused");
            } catch (IOException cut) {
                // read away up to the drain limit (so a client sending a few megabytes reads its answer), not for ever
                assertThat(sent).as("bytes sent before the hub cut the connection")
                        .isGreaterThan(8L * 1024 * 1024).isLessThan(20L * 1024 * 1024);
            }
        }
        assertNothingChangedAndTheNextRequestWorks(before, "a body that never ends");
    }

    /** The oversized request, or (body null) a GET of the queue; written from another thread, and waited for. */
    private static void writeAll(Socket s, String token, byte[] body, boolean chunked) throws Exception {
        writeAll(s, ROUTE, token, "", body, chunked);
    }

    private static void writeAll(Socket s, String path, String token, String extraHeaders, byte[] body,
                                 boolean chunked) throws Exception {
        StringBuilder head = new StringBuilder((body == null ? "GET /api/queue" : "POST " + path)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\n" + extraHeaders);
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\n").append(chunked ? "Transfer-Encoding: chunked\r\n"
                    : "Content-Length: " + body.length + "\r\n");
        }
        head.append("\r\n");
        // from another thread, so a hub that stops reading cannot hold this test for ever
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = s.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null && chunked) {
                    for (int at = 0; at < body.length; at += 8192) {
                        int n = Math.min(8192, body.length - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } else if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            sent.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the hub cut the request off while it was being sent: " + e.getCause(), e);
        }
    }

    /** One answer (its head, then Content-Length bytes), leaving the connection as it is. */
    private static RawHttp.Response readOne(InputStream in, String what) {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("the connection ended before an answer to " + what + ": " + head);
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new RawHttp.Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("no answer could be read to " + what + ": " + e, e);
        }
    }

    /**
     * A declared length over the limit is refused before anything else, the token too (a stranger learns only the
     * limit); a chunked body's size is known only as it is read, so its token is looked at first.
     */
    private static int expected(String token, boolean chunked) {
        if (!chunked && Boolean.parseBoolean(System.getProperty("oversized.lengthFirst", "true"))) {
            return 413;
        }
        return token == null ? 401 : token.contains("board") ? 403 : 413;
    }

    private static HttpResponse<String> jdk(String token, HttpRequest.BodyPublisher body, String what)
            throws Exception {
        // one client, as a kiosk has: the next request goes on the same connection if the hub kept it open
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        jdkClient = client;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url(ROUTE))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept-Language", "en").POST(body);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("no answer to " + what + ": " + e, e);
        }
    }

    /** The next request with the same client: on the same connection, unless the hub said it would close it. */
    private static void assertTheSameClientGoesOn(String what) throws Exception {
        HttpResponse<String> r;
        try {
            r = jdkClient.send(HttpRequest.newBuilder(URI.create(hub.url("/api/queue"))).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the same client's next request after " + what + " got no answer: " + e, e);
        }
        assertThat(r.statusCode()).as("the same client's next request after " + what).isEqualTo(200);
    }

    private static void assertJsonError(String body, String code, String what) {
        JsonObject error = new JsonObject(body);
        if (code != null) {
            assertThat(error.getString("error")).as(what).isEqualTo(code);
        }
        assertThat(error.getString("error")).as(what).isNotBlank();
        assertThat(error.getString("message")).as(what).isNotBlank();
    }

    /** The queue and the log's last sequence as they were; then a new number on a new connection. */
    private static void assertNothingChangedAndTheNextRequestWorks(JsonObject before, String what) {
        assertThat(snapshot()).as("the queue after " + what).isEqualTo(before);
        JsonObject t = new HubClient(hub.url("")).issue(service);
        assertThat(t.getValue("number")).as("a number after " + what).isNotNull();
    }

    private static JsonObject snapshot() {
        JsonObject q = http.queue();
        for (Object o : q.getJsonArray("services")) {
            // the estimates move with the clock, not with the state
            ((JsonObject) o).remove("estimatedWaitSeconds");
        }
        return q;
    }
}
