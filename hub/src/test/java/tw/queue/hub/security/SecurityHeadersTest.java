package tw.queue.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tw.queue.hub.testing.RawHttp;
import tw.queue.hub.testing.TestHub;

/**
 * A stranger's site cannot frame the kiosk or the manager's page, nor run script in them: every answer, whatever
 * its path (pages, the same files under /static, scripts, the API, errors), carries the same security headers.
 */
class SecurityHeadersTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Path data;
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("hub-headers");
        hub = TestHub.demo(data);
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "GET, /kiosk, 200",
        "HEAD, /kiosk, 200",
        "GET, /board, 200",
        "GET, /counter, 200",
        "GET, /volunteer, 200",
        "GET, /manager, 200",
        "GET, /city, 200",
        "GET, /api/public/city, 404",
        "GET, /, 200",
        "GET, /t/x, 200",
        "GET, /static/kiosk.html, 200",
        "GET, /static/manager.html, 200",
        "GET, /static/js/hub.js, 200",
        "GET, /static/css/base.css, 200",
        "GET, /static/i18n/index.json, 200",
        "GET, /static/i18n/en.json, 200",
        "GET, /static/nothing.js, 404",
        "GET, /health, 200",
        "GET, /api/queue, 200",
        "GET, /api/openapi.yaml, 200",
        "GET, /api/nothing, 404",
        "POST, /api/tickets, 401",
        "PUT, /health, 405",
    })
    void everyAnswerCarriesTheSecurityHeaders(String method, String path, int status) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(status);
        assertSecure(r.headers().firstValue("Content-Security-Policy").orElse(null),
                r.headers().firstValue("X-Frame-Options").orElse(null),
                r.headers().firstValue("X-Content-Type-Options").orElse(null),
                r.headers().firstValue("Referrer-Policy").orElse(null));
    }

    @Test
    void theEventStreamCarriesThemToo() throws Exception {
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url("/api/events")))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertSecure(r.headers().firstValue("Content-Security-Policy").orElse(null),
                    r.headers().firstValue("X-Frame-Options").orElse(null),
                    r.headers().firstValue("X-Content-Type-Options").orElse(null),
                    r.headers().firstValue("Referrer-Policy").orElse(null));
        }
    }

    @Test
    void anOverLongAddressGetsTheJsonError() {
        RawHttp.Response r = RawHttp.send(hub.port(), "127.0.0.1", "GET", "/api/queue?x=" + "a".repeat(6_000),
                null, null);
        assertThat(r.status()).isEqualTo(414);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.error()).isEqualTo("uri-too-long");
        assertThat(r.json().getString("message")).isNotBlank();
        assertSecure(r.header("Content-Security-Policy"), r.header("X-Frame-Options"),
                r.header("X-Content-Type-Options"), r.header("Referrer-Policy"));
        // and the hub goes on serving
        assertThat(hub.client().get("/health").status()).isEqualTo(200);
    }

    @Test
    void overLargeHeadersGetTheJsonError() throws Exception {
        try (var s = RawHttp.connect(hub.port(), "127.0.0.1")) {
            s.getOutputStream().write(("GET /api/queue HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Junk: "
                    + "j".repeat(10_000) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            RawHttp.Response r = RawHttp.read(s.getInputStream());
            assertThat(r.status()).isEqualTo(431);
            assertThat(r.error()).isEqualTo("headers-too-large");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    private static void assertSecure(String csp, String frameOptions, String nosniff, String referrer) {
        assertThat(csp).as("Content-Security-Policy").isNotNull()
                .contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'")
                .doesNotContain("unsafe-eval");
        assertThat(csp.replaceAll("style-src[^;]*", "")).as("only styles may be inline").doesNotContain("unsafe-inline");
        assertThat(frameOptions).as("X-Frame-Options").isEqualTo("DENY");
        assertThat(nosniff).as("X-Content-Type-Options").isEqualTo("nosniff");
        assertThat(referrer).as("Referrer-Policy").isEqualTo("no-referrer");
    }
}
