package tw.queue.hub.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.config.CounterRules;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * Generated from the OpenAPI document's {@code x-roles}: every write operation (and every read that names
 * roles) is tried without a token (401), with each role it leaves out (403 {@code role-forbidden}), with each
 * role it names (neither: the handler agrees with the document), and, for a counter's operations, by a clerk
 * signed in at another counter and the panel of another counter (403 {@code not-your-counter}). A write
 * operation added without {@code x-roles} fails here (and the hub refuses to start).
 */
class EveryOperationKeepsItsRolesTest {
    private static final List<String> ROLES = List.of("kiosk", "board", "panel", "clerk", "volunteer", "manager");
    /** The writes anyone may send without a token: signing in, a device's pairing claim, a citizen's rating. */
    private static final Set<String> OPEN_WRITES = Set.of("login", "claimPairing", "rateTicket");
    /** Tried last: a right caller really ends a session, the day or a device. */
    private static final List<String> LAST = List.of("closeDay", "endSessions", "revokeDevice", "logout");
    private static final int COUNTER = 5;
    private static final int OTHER_COUNTER = 6;

    @TempDir
    static Path data;
    static TestHub hub;
    static HubClient http;
    static SchemaExamples examples;
    static final Map<String, String> tokens = new LinkedHashMap<>();
    static final Map<String, String> deviceIds = Map.of("kiosk", "demo-kiosk-1", "board", "demo-board-1",
            "panel", "demo-panel-" + COUNTER);

    @BeforeAll
    static void startTheOffice() {
        hub = TestHub.demo(data, CounterRules.NONE);
        http = hub.client();
        List<String> services = new ArrayList<>();
        JsonArray first = http.get("/api/office").json().getJsonArray("counters").getJsonObject(0).getJsonArray("services");
        first.forEach(s -> services.add((String) s));
        examples = new SchemaExamples(services, LocalDate.now(ZoneId.of("Asia/Taipei")).toString());
        tokens.put("kiosk", deviceIds.get("kiosk"));
        tokens.put("board", deviceIds.get("board"));
        tokens.put("panel", deviceIds.get("panel"));
        tokens.put("clerk", http.openCounter(COUNTER));
        tokens.put("volunteer", http.login("volunteer"));
        tokens.put("manager", http.login("manager"));
        http.openCounter(OTHER_COUNTER);
        http.issue("transcript");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void everyWriteOperationNamesItsRolesAndTheHubKeepsToThem() {
        List<ApiOperations.Op> ops = new ArrayList<>(ApiOperations.all());
        ops.sort(Comparator.comparingInt(o -> LAST.indexOf(o.id())));
        List<String> problems = new ArrayList<>();
        Set<String> openWrites = new TreeSet<>();
        int writes = 0;
        int requests = 0;
        for (ApiOperations.Op op : ops) {
            if (op.isWrite()) {
                writes++;
                if (op.roles().isEmpty()) {
                    problems.add(op + ": a write operation without x-roles");
                    continue;
                }
            }
            if (op.roles().isEmpty() || op.roles().contains("anyone")) {
                if (op.isWrite()) {
                    openWrites.add(op.id());
                }
                continue;
            }
            for (String r : op.roles()) {
                if (!r.equals("no-token") && !ROLES.contains(r)) {
                    problems.add(op + ": x-roles names an unknown role " + r);
                }
            }
            if (op.roles().contains("no-token")) {
                openWrites.add(op.id());
            } else {
                requests++;
                expect(problems, op, "without a token", send(op, null, COUNTER), 401, "unauthenticated");
            }
            for (String role : ROLES) {
                requests++;
                HubClient.Response r = send(op, role, COUNTER);
                if (!op.roles().contains(role)) {
                    expect(problems, op, "as " + role, r, 403, "role-forbidden");
                } else if (r.status() == 401 || r.status() == 403 && "role-forbidden".equals(error(r))
                        || r.status() >= 500) {
                    problems.add(op + " as " + role + " (named in x-roles): " + r.status() + " " + r.body());
                }
            }
            if (op.atCounter()) {
                for (String role : List.of("clerk", "panel")) {
                    requests++;
                    expect(problems, op, "as the " + role + " of counter " + COUNTER + " at counter " + OTHER_COUNTER,
                            send(op, role, OTHER_COUNTER), 403, "not-your-counter");
                }
            }
        }
        System.out.printf("EveryOperationKeepsItsRolesTest: %d operations (%d writes), %d requests, %d problems%n",
                ops.size(), writes, requests, problems.size());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(OPEN_WRITES, openWrites, "the writes open to a caller without a token");
        assertFalse(writes < 30, "the document's writes were not all found: " + writes);
        assertTrue(ops.stream().filter(ApiOperations.Op::atCounter).count() >= 8, "the counter's operations are marked");
    }

    private static void expect(List<String> problems, ApiOperations.Op op, String as, HubClient.Response r, int status,
                               String code) {
        if (r.status() != status || !code.equals(error(r))) {
            problems.add(op + " " + as + ": expected " + status + " " + code + ", got " + r.status() + " " + r.body());
        }
    }

    private static String error(HubClient.Response r) {
        try {
            return r.json() == null ? null : r.json().getString("error");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The operation as {@code role} would send it right (null: without a token), at counter {@code n}. */
    private static HubClient.Response send(ApiOperations.Op op, String role, int n) {
        Random random = new Random(op.id().hashCode());
        String token = role == null ? null : tokens.get(role);
        if (op.id().equals("logout") && role != null && !deviceIds.containsKey(role)) {
            // a session of its own, so the staff tokens above go on working
            token = http.login(role.equals("clerk") ? "clerk" + OTHER_COUNTER : role);
        }
        String path = op.path(p -> switch (p.name()) {
            case "n" -> String.valueOf(n);
            case "id" -> p.schema().path("minLength").asInt() == 8 ? http.issue("transcript").getString("id")
                    : role != null && deviceIds.containsKey(role) ? deviceIds.get(role) : "demo-kiosk-1";
            case "username" -> "nosuch";
            default -> encode(text(examples.valid(p.schema(), p.name(), random)));
        });
        if (op.id().equals("revokeDevice")) {
            path = "/api/devices/nosuch-device";
        }
        StringBuilder query = new StringBuilder();
        for (ApiOperations.Param p : op.params()) {
            if (p.in().equals("query") && p.required()) {
                query.append(query.length() == 0 ? '?' : '&').append(p.name()).append('=')
                        .append(encode(text(examples.valid(p.schema(), p.name(), random))));
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.url(path + query))).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        String body = null;
        if (op.body() != null && op.bodyType().equals("application/json")) {
            body = examples.plain(op.body(), "body", random).toString();
            b.header("Content-Type", "application/json");
        }
        b.method(op.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.exchange(b.build());
        return new HubClient.Response(r.statusCode(), r.body());
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
