package tw.queue.hub.server;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain HTTP client for tests: real requests to a real hub on loopback. */
final class HubClient {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    HubClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    private static final tw.queue.config.OfficeConfig DEMO =
            tw.queue.hub.DemoOffice.with(tw.queue.config.OfficeConfigLoader.loadBundledSample());

    /** Deploys a demo hub on a free loopback port over the given data directory, and a client for it. */
    static HubClient deployDemo(io.vertx.core.Vertx vertx, java.nio.file.Path data) {
        HubVerticle verticle = new HubVerticle(HubSettings.of(DEMO, data, "127.0.0.1", 0, true));
        vertx.deployVerticle(verticle).await();
        return new HubClient(verticle.port());
    }

    record Response(int status, String body) {
        JsonObject json() {
            return body == null || body.isBlank() ? null : new JsonObject(body);
        }

        String error() {
            return json().getString("error");
        }
    }

    String base() {
        return base;
    }

    Response get(String path) {
        return send(request(path, null).GET().build());
    }

    Response post(String path, String token, String body) {
        return send(post(request(path, token), body));
    }

    CompletableFuture<Response> postAsync(String path, String token, String body) {
        return http.sendAsync(post(request(path, token), body), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.body()));
    }

    Response send(HttpRequest request) {
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

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
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

    String login(String username) {
        Response r = post("/api/login", null, new JsonObject().put("username", username).put("password", "demo").encode());
        if (r.status() != 200) {
            throw new IllegalStateException("login failed: " + r);
        }
        return r.json().getString("token");
    }

    JsonObject issue(String service) {
        Response r = post("/api/tickets", "demo-kiosk-1", new JsonObject().put("service", service).encode());
        if (r.status() != 201) {
            throw new IllegalStateException("issue failed: " + r);
        }
        return r.json();
    }

    JsonObject queue() {
        return get("/api/queue").json();
    }
}
