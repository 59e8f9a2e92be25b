package tw.queue.hub.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import tw.queue.hub.DemoOffice;

/** The one HTTP client of the tests: real requests to a real hub on loopback, and the office's usual steps. */
public final class HubClient {
    private final Supplier<String> base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public HubClient(String base) {
        this(() -> base);
    }

    /** A client of whatever hub is at {@code base} when each request is made (e.g. one started later). */
    public HubClient(Supplier<String> base) {
        this.base = base;
    }

    public record Response(int status, String body) {
        public JsonObject json() {
            return body == null || body.isBlank() ? null : new JsonObject(body);
        }

        public String error() {
            return json().getString("error");
        }
    }

    public String base() {
        return base.get();
    }

    public Response get(String path) {
        return send(request(path, null).GET().build());
    }

    public Response post(String path, String token, String body) {
        return send(post(request(path, token), body));
    }

    public Response postJson(String path, String token, JsonObject body) {
        return post(path, token, body == null ? null : body.encode());
    }

    public Response send(String method, String path, String token, JsonObject body) {
        HttpRequest.Builder b = request(path, token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode())).build());
    }

    public CompletableFuture<Response> postAsync(String path, String token, String body) {
        return http.sendAsync(post(request(path, token), body), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.body()));
    }

    /** The whole answer, headers too (for the tests about them). */
    public HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.get() + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpRequest post(HttpRequest.Builder b, String body) {
        if (body == null) {
            return b.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Response expect(Response r, int status, String what) {
        if (r.status() != status) {
            throw new AssertionError(what + ": " + r.status() + " " + r.body());
        }
        return r;
    }

    /** A demo account's bearer token. */
    public String login(String username) {
        return expect(postJson("/api/login", null, new JsonObject().put("username", username)
                .put("password", DemoOffice.PASSWORD)), 200, "login " + username).json().getString("token");
    }

    /** Signs clerkN in at counter N and opens it; returns the clerk's token. */
    public String openCounter(int n) {
        String token = login("clerk" + n);
        expect(post("/api/counters/" + n + "/open", token, null), 200, "open counter " + n);
        return token;
    }

    /** The ticket counter n calls. */
    public JsonObject callNext(int n, String token) {
        return expect(post("/api/counters/" + n + "/call-next", token, null), 200, "call-next at " + n)
                .json().getJsonObject("ticket");
    }

    /** The clerk at n finishes the citizen served there. */
    public void finish(int n, String token) {
        expect(post("/api/counters/" + n + "/finish", token, null), 200, "finish at " + n);
    }

    /** A number from the demo kiosk. */
    public JsonObject issue(String service) {
        return expect(postJson("/api/tickets", "demo-kiosk-1", new JsonObject().put("service", service)), 201,
                "ticket for " + service).json();
    }

    public JsonObject queue() {
        return get("/api/queue").json();
    }
}
