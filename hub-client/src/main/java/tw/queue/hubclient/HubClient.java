package tw.queue.hubclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The hub's HTTP API as a device calls it: every call carries {@code Authorization: Bearer <device token>}.
 * Calls block (agents call them from their own threads, never from a GPIO callback); a hub that does not answer
 * within a few seconds is {@link HubUnreachable}. Paths and bodies follow the hub's openapi.yaml and DEVICE-API.
 */
public final class HubClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);

    private final URI base;
    private final String token;
    private final HttpClient http;

    public HubClient(URI base, String token) {
        this.base = URI.create(Objects.requireNonNull(base).toString().replaceAll("/+$", "") + "/");
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT);
        if ("http".equalsIgnoreCase(this.base.getScheme())) {
            builder.sslContext(plainHttpOnly());
        }
        this.http = builder.build();
    }

    /**
     * For a hub reached over plain HTTP: a TLS context that trusts no one, so the client does not build the JDK's
     * default one (its trust store of some 150 certificates, parsed at start: a few MB of a device agent's 64 MB;
     * README, issue 14). It is never used for {@code http://}; a redirect to {@code https://} fails its handshake.
     */
    private static SSLContext plainHttpOnly() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[0], new TrustManager[0], null);
            return tls;
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    public URI base() {
        return base;
    }

    /** {@code POST /api/tickets}: 201 with the ticket ({@code id, number, service, ahead, estimatedWaitSeconds}). */
    public HubReply issueTicket(String service, String lang) throws HubUnreachable {
        ObjectNode body = JSON.createObjectNode().put("service", service);
        if (lang != null) {
            body.put("lang", lang);
        }
        return post("api/tickets", body);
    }

    /** {@code POST /api/tickets/{id}/cancel}: the slip of a just-taken number could not be printed. */
    public HubReply cancelTicket(String ticketId) throws HubUnreachable {
        return post("api/tickets/" + ticketId + "/cancel", null);
    }

    /** {@code POST /api/counters/{n}/{action}} with action one of call-next, recall, finish, no-show, pause. */
    public HubReply counterAction(int counter, String action) throws HubUnreachable {
        return post("api/counters/" + counter + "/" + action, null);
    }

    /** {@code POST /api/tickets/{id}/rating} {@code {"rating": satisfied|neutral|dissatisfied}}. */
    public HubReply rate(String ticketId, String rating) throws HubUnreachable {
        return post("api/tickets/" + ticketId + "/rating", JSON.createObjectNode().put("rating", rating));
    }

    /** {@code POST /api/alerts} {@code {"kind", "place"}}: the help bell. */
    public HubReply raiseAlert(String kind, String place) throws HubUnreachable {
        return post("api/alerts", JSON.createObjectNode().put("kind", kind).put("place", place));
    }

    /**
     * {@code GET /api/devices/{id}/print-jobs}: the slips this kiosk should print now, each
     * {@code {"job", "requestedAt", "ticket": {...}}} (a volunteer took the number for someone beside it).
     */
    public HubReply printJobs(String deviceId) throws HubUnreachable {
        return get("api/devices/" + deviceId + "/print-jobs");
    }

    /** {@code POST /api/devices/{id}/print-jobs/{job}/result} {@code {"result": printed|failed, "reason"?}}. */
    public HubReply reportPrintJob(String deviceId, String job, String result, String reason) throws HubUnreachable {
        ObjectNode body = JSON.createObjectNode().put("result", result);
        if (reason != null) {
            body.put("reason", reason);
        }
        return post("api/devices/" + deviceId + "/print-jobs/" + job + "/result", body);
    }

    /** {@code POST /api/devices/{id}/health} {@code {"components": {...}, "agent"}}. */
    public HubReply reportHealth(String deviceId, Map<String, String> components, String agent) throws HubUnreachable {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode c = body.putObject("components");
        components.forEach(c::put);
        body.put("agent", agent);
        return post("api/devices/" + deviceId + "/health", body);
    }

    /** {@code GET /api/queue}: the snapshot, with {@code seq}, the last event it reflects. */
    public HubReply queue() throws HubUnreachable {
        return get("api/queue");
    }

    /** {@code GET /api/office}: services (bilingual names) and counters (areas), as configured. */
    public HubReply office() throws HubUnreachable {
        return get("api/office");
    }

    /** {@code GET /api/counters/{n}}: the counter with its current and last finished ticket (ids included). */
    public HubReply counter(int n) throws HubUnreachable {
        return get("api/counters/" + n);
    }

    public HubReply get(String path) throws HubUnreachable {
        return send(request(path).GET().build());
    }

    public HubReply post(String path, JsonNode body) throws HubUnreachable {
        HttpRequest.Builder b = request(path);
        if (body == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return send(b.build());
    }

    /** The event stream from after {@code lastSeq}; the caller reads and closes the body. */
    InputStream openEvents(long lastSeq) throws HubUnreachable {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("api/events"))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(lastSeq))
                .GET().build();
        try {
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw new HubUnreachable("GET /api/events answered " + r.statusCode(), null);
            }
            return r.body();
        } catch (IOException e) {
            throw e instanceof HubUnreachable h ? h : new HubUnreachable("GET /api/events: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubUnreachable("interrupted", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HubReply send(HttpRequest req) throws HubUnreachable {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body() == null || r.body().isBlank() ? MissingNode.getInstance() : parse(r.body());
            return new HubReply(r.statusCode(), body);
        } catch (IOException e) {
            throw new HubUnreachable(req.method() + " " + req.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubUnreachable("interrupted", e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode().put("error", "not-json").put("message", text);
        }
    }
}
