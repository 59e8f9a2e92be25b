package tw.queue.hub.web;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the tests do to the hub directly, beside the pages: sign in, open counters, call, announce, pair. */
final class HubCalls {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    HubCalls(String base) {
        this.base = base;
    }

    record Answer(int status, JsonObject json) {
    }

    Answer send(String method, String path, String token, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode()));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String text = r.body();
            return new Answer(r.statusCode(), text == null || text.isBlank() ? null : new JsonObject(text));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer post(String path, String token, JsonObject body) {
        return send("POST", path, token, body);
    }

    JsonObject get(String path) {
        return send("GET", path, null, null).json();
    }

    String login(String user) {
        Answer a = post("/api/login", null, new JsonObject().put("username", user).put("password", "demo"));
        if (a.status() != 200) {
            throw new AssertionError("login " + user + ": " + a.status() + " " + a.json());
        }
        return a.json().getString("token");
    }

    /** Signs clerkN in at counter N and opens it; returns the clerk's token. */
    String openCounter(int n) {
        String token = login("clerk" + n);
        Answer a = post("/api/counters/" + n + "/open", token, null);
        if (a.status() != 200) {
            throw new AssertionError("open counter " + n + ": " + a.status() + " " + a.json());
        }
        return token;
    }

    JsonObject callNext(int n, String token) {
        Answer a = post("/api/counters/" + n + "/call-next", token, null);
        if (a.status() != 200) {
            throw new AssertionError("call-next at " + n + ": " + a.status() + " " + a.json());
        }
        return a.json().getJsonObject("ticket");
    }

    JsonObject issue(String service) {
        Answer a = post("/api/tickets", "demo-kiosk-2", new JsonObject().put("service", service));
        if (a.status() != 201) {
            throw new AssertionError("ticket for " + service + ": " + a.status() + " " + a.json());
        }
        return a.json();
    }
}
