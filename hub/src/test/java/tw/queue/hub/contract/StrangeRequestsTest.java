package tw.queue.hub.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.config.CounterRules;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * A stranger on the office LAN sends every operation of the OpenAPI document with wrong types, missing and extra
 * fields, huge and odd strings, odd path parameters, wrong tokens and roles, while the office works on: three
 * counters issue, call, recall, transfer and finish between the strange requests. Never a 5xx; every error a
 * 4xx in the JSON shape; a refused request changes neither the queue nor the event log's last sequence.
 *
 * <p>Seeded: {@code -Dfuzz.seed=N} repeats a run's requests (ticket ids aside, which the hub draws);
 * {@code -Dfuzz.count=10000} for the long run (README, "Security").
 */
class StrangeRequestsTest {
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int COUNT = Integer.getInteger("fuzz.count", 300);
    private static final int BODY_LIMIT = tw.queue.hub.server.Limits.DEFAULT.bodyLimit();
    /** The office's own counters, which the stranger leaves alone only by path (its requests may name any other). */
    private static final int[] OFFICE_COUNTERS = {1, 2, 3};
    /** Events the hub appends by itself (a tick, the date changing), not because of a request. */
    private static final Set<String> SPONTANEOUS = Set.of("staffing.hint", "day.opened", "day.closed");
    private static final java.net.http.HttpClient STREAM = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    /** Sent only with tokens that must be refused: a right one would end the office's own sessions or day. */
    private static final Set<String> REFUSED_ONLY = Set.of("logout", "endSessions", "revokeDevice", "closeDay");
    private static final ObjectMapper RAW = new ObjectMapper();
    private static final ObjectMapper ESCAPED = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    static Path data;
    static TestHub hub;
    static HubClient http;
    static List<ApiOperations.Op> ops;
    static Map<String, Token> tokens = new LinkedHashMap<>();
    static final List<String> ticketIds = new ArrayList<>();
    static List<String> services = new ArrayList<>();
    static String today;
    static SchemaExamples examples;

    /** A token the stranger may send: its Authorization header (null for none) and the role it has, if any. */
    record Token(String label, String header, String role) {
    }

    @BeforeAll
    static void startTheOffice() {
        hub = TestHub.demo(data, CounterRules.NONE);
        http = hub.client();
        // An event stream (the office's, a ticket's: x-event-stream in the document) answers a good request for
        // ever: only its refusals are tried, in WhatStrangersSeeTest and TicketStreamTest.
        ops = ApiOperations.all().stream().filter(o -> !o.streams()).toList();
        today = LocalDate.now(ZoneId.of("Asia/Taipei")).toString();
        JsonObject office = http.get("/api/office").json();
        JsonArray first = office.getJsonArray("counters").getJsonObject(0).getJsonArray("services");
        first.forEach(s -> services.add((String) s));
        examples = new SchemaExamples(services, today);
        tokens.put("none", new Token("none", null, null));
        tokens.put("garbage", new Token("garbage", "Bearer garbage", null));
        tokens.put("empty", new Token("empty", "Bearer ", null));
        tokens.put("basic", new Token("basic", "Basic bWFuYWdlcjpkZW1v", null));
        tokens.put("forged-jwt", new Token("forged-jwt", "Bearer " + jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"manager\",\"role\":\"manager\",\"exp\":9999999999}") + "c2lnbmVkIGJ5IHNvbWVvbmUgZWxzZQ", null));
        tokens.put("alg-none-jwt", new Token("alg-none-jwt", "Bearer " + jwt("{\"alg\":\"none\"}",
                "{\"sub\":\"manager\",\"role\":\"manager\"}"), null));
        tokens.put("long", new Token("long", "Bearer " + "x".repeat(5_000), null));
        tokens.put("kiosk", new Token("kiosk", "Bearer demo-kiosk-2", "kiosk"));
        tokens.put("board", new Token("board", "Bearer demo-board-1", "board"));
        tokens.put("panel", new Token("panel", "Bearer demo-panel-10", "panel"));
        // the stranger's staff: their own sessions, at a counter of their own, never the office's
        tokens.put("clerk", new Token("clerk", "Bearer " + http.openCounter(10), "clerk"));
        tokens.put("volunteer", new Token("volunteer", "Bearer " + http.login("volunteer"), "volunteer"));
        tokens.put("manager", new Token("manager", "Bearer " + http.login("manager"), "manager"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void aStrangerSendingOddRequestsAllMorningNeverBreaksTheHubNorChangesTheQueue() throws Exception {
        System.out.println("StrangeRequestsTest: seed " + SEED + " (-Dfuzz.seed=" + SEED + " repeats it), " + COUNT
                + " strange requests");
        Random random = new Random(SEED);
        Office office = new Office(random);
        Map<String, int[]> byOperation = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int refused = 0;
        int accepted = 0;
        int spontaneous = 0;
        long started = System.nanoTime();
        JsonObject before = snapshot();
        for (int i = 0; i < COUNT; i++) {
            if (random.nextInt(3) == 0) {
                office.step(before);
                before = snapshot();
            }
            Strange s = strange(random);
            long t0 = System.nanoTime();
            HttpResponse<String> r = send(s);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 1_000) {
                System.out.println("SLOW " + ms + " ms: " + s);
            }
            String what = "request " + i + " (seed " + SEED + "): " + s + "\n  answered " + r.statusCode() + " "
                    + abbreviate(r.body());
            assertTrue(r.statusCode() < 500, "a 5xx: " + what);
            if (s.body() != null && !s.method().equals("HEAD")
                    && s.body().getBytes(StandardCharsets.UTF_8).length > BODY_LIMIT) {
                // refused by its length before anything but the request's head (a URL over 4096 bytes is 414 first),
                // and read away so that the answer arrives (UnreadBodies)
                int expected = s.path().length() > 4096 ? 414 : 413;
                assertEquals(expected, r.statusCode(), "a body over the limit: " + what);
                assertEquals(expected == 414 ? "uri-too-long" : "body-too-large",
                        new JsonObject(r.body()).getString("error"), what);
            }
            JsonObject after = snapshot();
            byOperation.computeIfAbsent(s.op().id(), k -> new int[2])[r.statusCode() >= 400 ? 1 : 0]++;
            byStatus.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() >= 400) {
                refused++;
                assertTrue(r.statusCode() < 500, what);
                if (!s.method().equals("HEAD")) {
                    assertErrorShape(r, what);
                }
                if (!sameState(before, after)) {
                    assertOnlySpontaneous(before, after, what);
                    spontaneous++;
                }
            } else {
                accepted++;
            }
            before = after;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("StrangeRequestsTest: seed %d, %d strange requests in %.1f s: %d refused, %d accepted, 5xx=0,"
                        + " %d snapshots moved only by the hub's own events; the office meanwhile: %s%n", SEED, COUNT,
                seconds, refused, accepted, spontaneous, office.done);
        System.out.println("StrangeRequestsTest: answers by status " + byStatus);
        byOperation.forEach((id, n) -> System.out.printf("  %-22s %4d accepted %4d refused%n", id, n[0], n[1]));
        for (String step : List.of("issued", "called", "recalled", "transferred", "finished")) {
            assertTrue(office.done.getOrDefault(step, 0) > 0, "the office never " + step + " a ticket: " + office.done);
        }
        assertTrue(refused > COUNT / 2, "most strange requests are refused: " + refused + " of " + COUNT);
    }

    /** Found by the fuzzer (seed 20261202, request 2054): the body handler's own 400 was plain text. */
    @Test
    void aBrokenMultipartBodyOnAPathOfNoOperationGetsTheJsonError() {
        for (String path : List.of("/api/devices/../health", "/api/nowhere", "/api/tickets")) {
            HttpResponse<String> r = http.exchange(HttpRequest.newBuilder(URI.create(hub.url(path)))
                    .header("Authorization", "Bearer demo-board-1").header("Content-Type", "multipart/form-data")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"components\":{\"en\":\"" + "長".repeat(2_000) + "\"}}"))
                    .build());
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, path + ": " + r.statusCode());
            assertErrorShape(r, "POST " + path + " multipart: " + r.statusCode() + " " + r.body());
        }
    }

    // --- the office working between the strange requests ---------------------------------------------------

    /** Kiosk 1 issues and counters 1-3 call, recall, transfer and finish, each step checked. */
    private static final class Office {
        private final Random random;
        private final Map<Integer, String> clerks = new LinkedHashMap<>();
        private final Map<Integer, Boolean> recalled = new LinkedHashMap<>();
        final Map<String, Integer> done = new TreeMap<>();

        Office(Random random) {
            this.random = random;
            for (int n : OFFICE_COUNTERS) {
                clerks.put(n, http.openCounter(n));
            }
        }

        /** One step of the office's work, chosen from the queue as it stands ({@code queue}). */
        void step(JsonObject queue) {
            int n = OFFICE_COUNTERS[random.nextInt(OFFICE_COUNTERS.length)];
            JsonObject counter = counterAt(queue, n);
            if (random.nextInt(3) == 0 || counter.getValue("current") == null && waiting(queue) == 0) {
                JsonObject t = http.issue(services.get(random.nextInt(services.size())));
                synchronized (ticketIds) {
                    ticketIds.add(t.getString("id"));
                }
                count("issued");
                return;
            }
            String token = clerks.get(n);
            if (counter.getValue("current") == null) {
                HubClient.Response r = http.post("/api/counters/" + n + "/call-next", token, null);
                expect(r, n, "call-next", 200, 204);
                if (r.status() == 200) {
                    count("called");
                    recalled.put(n, false);
                }
                return;
            }
            int choice = random.nextInt(4);
            if (choice == 0 && !recalled.getOrDefault(n, true)) {
                expect(http.post("/api/counters/" + n + "/recall", token, null), n, "recall", 200);
                recalled.put(n, true);
                count("recalled");
            } else if (choice == 1) {
                String to = services.get(random.nextInt(services.size()));
                HubClient.Response r = http.postJson("/api/counters/" + n + "/transfer", token,
                        new JsonObject().put("service", to));
                // a transfer to the service the ticket already has is refused, and that is fine
                expect(r, n, "transfer to " + to, 200, 409, 400);
                if (r.status() == 200) {
                    count("transferred");
                }
            } else {
                expect(http.post("/api/counters/" + n + "/finish", token, null), n, "finish", 200);
                count("finished");
            }
        }

        private void count(String step) {
            done.merge(step, 1, Integer::sum);
        }

        private static void expect(HubClient.Response r, int n, String what, int... statuses) {
            for (int s : statuses) {
                if (r.status() == s) {
                    return;
                }
            }
            throw new AssertionError("the office's own " + what + " at counter " + n + " (seed " + SEED + "): "
                    + r.status() + " " + r.body());
        }

        private static JsonObject counterAt(JsonObject queue, int n) {
            for (Object o : queue.getJsonArray("counters")) {
                JsonObject c = (JsonObject) o;
                if (c.getInteger("number") == n) {
                    return c;
                }
            }
            throw new AssertionError("no counter " + n + " in /api/queue");
        }

        private static int waiting(JsonObject queue) {
            int w = 0;
            for (Object o : queue.getJsonArray("services")) {
                w += ((JsonObject) o).getInteger("waiting");
            }
            return w;
        }
    }

    // --- the strange requests --------------------------------------------------------------------------------

    /** One request as sent: printed whole (bodies abbreviated) when a check fails. */
    record Strange(ApiOperations.Op op, String method, String path, Token token, String contentType, String body,
                   String mutation) {
        @Override
        public String toString() {
            return method + " " + abbreviate(path) + " [" + op.id() + ", " + mutation + ", token " + token.label()
                    + (contentType == null ? "" : ", " + contentType) + "]" + (body == null ? "" : " body " + abbreviate(body));
        }
    }

    private static Strange strange(Random random) {
        ApiOperations.Op op = ops.get(random.nextInt(ops.size()));
        List<String> notes = new ArrayList<>();
        Token token = token(op, random);
        String path = op.path(p -> pathValue(p, random, notes));
        StringBuilder query = new StringBuilder();
        for (ApiOperations.Param p : op.params()) {
            if (!p.in().equals("query")) {
                continue;
            }
            int roll = random.nextInt(6);
            if (roll == 0) {
                notes.add("no " + p.name());
                continue;
            }
            String v = roll == 1 ? odd(random) : valueText(valid(p.schema(), p.name(), random));
            if (roll == 1) {
                notes.add("odd " + p.name());
            }
            query.append(query.length() == 0 ? '?' : '&').append(p.name()).append('=').append(encode(v));
        }
        if (random.nextInt(8) == 0) {
            query.append(query.length() == 0 ? '?' : '&').append("extra=").append(encode(odd(random)));
            notes.add("extra query");
        }
        String method = op.method();
        if (random.nextInt(25) == 0) {
            method = List.of("GET", "POST", "PUT", "DELETE", "PATCH").get(random.nextInt(5));
            notes.add("method " + method);
        }
        String contentType = null;
        String body = null;
        if (op.body() != null && op.bodyType().equals("application/json")) {
            contentType = "application/json";
            body = body(op.body(), random, notes);
            int roll = random.nextInt(12);
            if (roll == 0) {
                contentType = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "application/json; charset=big5", "multipart/form-data").get(random.nextInt(5));
                notes.add("content type " + contentType);
            } else if (roll == 1) {
                contentType = null;
                notes.add("no content type");
            }
        } else if (random.nextInt(4) == 0) {
            contentType = "application/json";
            body = random.nextBoolean() ? "{\"unexpected\": true}" : odd(random);
            notes.add("a body where none is taken");
        }
        if (notes.isEmpty()) {
            notes.add("as documented");
        }
        return new Strange(op, method, path + query, token, contentType, body, String.join(", ", notes));
    }

    private static Token token(ApiOperations.Op op, Random random) {
        List<Token> choices = new ArrayList<>(tokens.values());
        if (REFUSED_ONLY.contains(op.id())) {
            choices.removeIf(t -> t.role() != null && op.roles().contains(t.role()));
        }
        return choices.get(random.nextInt(choices.size()));
    }

    private static String pathValue(ApiOperations.Param p, Random random, List<String> notes) {
        int roll = random.nextInt(4);
        if (roll == 0) {
            String odd = odd(random);
            notes.add("odd {" + p.name() + "}");
            // now and then as it is, unencoded where the URL allows it (a '..', a '%')
            return random.nextInt(4) == 0 && odd.length() < 1_000 && odd.matches("(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})*+")
                    ? odd : encode(odd);
        }
        if (p.name().equals("n")) {
            return String.valueOf(List.of(4, 5, 10, 25, 26, 9999).get(random.nextInt(6)));
        }
        if (p.name().equals("id") && p.schema().path("minLength").asInt() == 8) {
            synchronized (ticketIds) {
                if (!ticketIds.isEmpty() && random.nextBoolean()) {
                    return ticketIds.get(random.nextInt(ticketIds.size()));
                }
            }
        }
        return encode(valueText(valid(p.schema(), p.name(), random)));
    }

    /** A body made from the schema, then (mostly) spoilt in one way. */
    private static String body(JsonNode schema, Random random, List<String> notes) {
        JsonNode good = valid(schema, "body", random);
        int roll = random.nextInt(14);
        JsonNode out = good.deepCopy();
        switch (roll) {
            case 0 -> notes.add("as documented");
            case 1 -> {
                if (out instanceof ObjectNode o && o.size() > 0) {
                    String f = o.fieldNames().next();
                    o.remove(f);
                    notes.add("without " + f);
                } else {
                    notes.add("as documented");
                }
            }
            case 2 -> {
                if (out instanceof ObjectNode o) {
                    o.put(random.nextBoolean() ? "extra" : "__proto__", odd(random));
                    notes.add("an extra field");
                }
            }
            case 3, 4 -> {
                JsonNode wrong = wrongType(random);
                if (!setSomewhere(out, wrong, random)) {
                    out = wrong;
                }
                notes.add("a wrong type (" + wrong.getNodeType() + ")");
            }
            case 5, 6 -> {
                String odd = odd(random);
                if (!setSomewhere(out, NODES.textNode(odd), random)) {
                    out = NODES.textNode(odd);
                }
                notes.add("an odd string (" + odd.length() + " chars)");
            }
            case 7 -> {
                notes.add("not JSON");
                return List.of("{", "}", "{\"a\":", "[1,2", "\u0000", "{'single': 'quotes'}", "{\"a\":1}{\"b\":2}",
                        "\"\\ud800\"", "NaN", "{\"service\": 1e999999}").get(random.nextInt(10));
            }
            case 8 -> {
                notes.add("empty");
                return "";
            }
            case 9 -> {
                notes.add("deeply nested");
                return "[".repeat(20_000) + "]".repeat(20_000);
            }
            case 10 -> {
                ArrayNode a = NODES.arrayNode();
                a.add(good);
                out = random.nextBoolean() ? a : NODES.nullNode();
                notes.add("an array or null instead of the object");
            }
            case 11 -> {
                notes.add("over the body limit");
                return "{\"s\":\"" + "a".repeat(100_000) + "\"}";
            }
            default -> {
                // a string field made long: over its maxLength, yet under the body limit
                if (!setSomewhere(out, NODES.textNode("長".repeat(2_000 + random.nextInt(8_000))), random)) {
                    out = NODES.textNode("x".repeat(10_000));
                }
                notes.add("a long string");
            }
        }
        return json(out);
    }

    private static String json(JsonNode node) {
        try {
            return RAW.writeValueAsString(node);
        } catch (Exception e) {
            try {
                // lone surrogates cannot be written as UTF-8: send them escaped
                return ESCAPED.writeValueAsString(node);
            } catch (Exception again) {
                throw new IllegalStateException(again);
            }
        }
    }

    /** Replaces a random leaf (a field of an object, an item of an array) with {@code value}. */
    private static boolean setSomewhere(JsonNode node, JsonNode value, Random random) {
        if (node instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            JsonNode child = o.get(name);
            if (!child.isContainerNode() || child.size() == 0 || random.nextBoolean() || !setSomewhere(child, value, random)) {
                o.set(name, value);
            }
            return true;
        }
        if (node instanceof ArrayNode a && a.size() > 0) {
            int i = random.nextInt(a.size());
            if (!a.get(i).isContainerNode() || !setSomewhere(a.get(i), value, random)) {
                a.set(i, value);
            }
            return true;
        }
        return false;
    }

    private static JsonNode wrongType(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.numberNode(random.nextInt());
            case 1 -> NODES.numberNode(1.5e300);
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> NODES.arrayNode().add("a").add(1);
            case 5 -> NODES.objectNode().put("nested", "x");
            case 6 -> NODES.numberNode(new java.math.BigInteger("9".repeat(40)));
            default -> NODES.textNode("12");
        };
    }

    /** Strings that have broken servers: control characters, RTL overrides, surrogates, injections, sizes. */
    private static String odd(Random random) {
        List<String> odd = List.of("", " ", "\u0000", "a\u0000b", "\u202Eevil\u202C", "\u200F\u05D0\u05D1\u05D2",
                "櫃檯", "𝟘𝟙𝟚", "\uD83D\uDE00\u200D\uD83D\uDE00", "e\u0301\u0301\u0301", "\uFEFF", "\uD800", "\uDFFF",
                "' OR 1=1 --", "../../etc/passwd", "..", "%00", "%", "%2e%2e", "<script>alert(1)</script>",
                "${jndi:ldap://127.0.0.1/a}", "\r\nX-Injected: 1", "null", "-1", "0", "99999999999999999999", "1e309",
                "NaN", "1.5", "true", "[]", "{}", "\t", "clerk1", "demo-kiosk-1", "a".repeat(300),
                "€".repeat(3_000), "x".repeat(100_000));
        return odd.get(random.nextInt(odd.size()));
    }

    private static JsonNode valid(JsonNode schema, String name, Random random) {
        return examples.valid(schema, name, random);
    }

    private static String valueText(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String jwt(String header, String payload) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static HttpResponse<String> send(Strange s) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(hub.url(s.path()))).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            throw new AssertionError("the fuzzer made a URL Java cannot send: " + s, e);
        }
        if (s.token().header() != null) {
            b.header("Authorization", s.token().header());
        }
        if (s.contentType() != null) {
            b.header("Content-Type", s.contentType());
        }
        b.header("Accept-Language", "zh-TW,en;q=0.5");
        HttpRequest.BodyPublisher body = s.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(s.body(), StandardCharsets.UTF_8);
        if (s.method().equals("HEAD")) {
            b.method("HEAD", HttpRequest.BodyPublishers.noBody());
        } else {
            b.method(s.method(), body);
        }
        try {
            return http.exchange(b.build());
        } catch (RuntimeException e) {
            throw new AssertionError("no answer to " + s + " (seed " + SEED + ")", e);
        }
    }

    // --- the checks --------------------------------------------------------------------------------------------

    private static void assertErrorShape(HttpResponse<String> r, String what) {
        JsonObject error;
        try {
            error = new JsonObject(r.body());
        } catch (RuntimeException e) {
            throw new AssertionError("an error that is not a JSON object: " + what);
        }
        assertTrue(error.getValue("error") instanceof String code && !code.isBlank(), "no \"error\" code: " + what);
        assertTrue(error.getValue("message") instanceof String m && !m.isBlank(), "no \"message\": " + what);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "an error not sent as application/json: " + what);
    }

    /** The queue as /api/queue gives it, without the estimates (they move with the clock, not with the state). */
    private static JsonObject snapshot() {
        JsonObject q = http.queue();
        for (Object o : q.getJsonArray("services")) {
            ((JsonObject) o).remove("estimatedWaitSeconds");
        }
        return q;
    }

    private static boolean sameState(JsonObject before, JsonObject after) {
        return before.equals(after);
    }

    /**
     * The queue moved during a refused request: only the hub's own events may have moved it (a tick's, a device
     * gone silent, a print job no kiosk took), never one a request causes.
     */
    private static void assertOnlySpontaneous(JsonObject before, JsonObject after, String what) throws Exception {
        long from = before.getLong("seq");
        long to = after.getLong("seq");
        assertTrue(to > from, "a refused request changed the queue without an event: " + what + "\n  before "
                + before + "\n  after  " + after);
        List<JsonObject> events = eventsBetween(from, to);
        for (JsonObject e : events) {
            String type = e.getString("type");
            JsonObject d = e.getJsonObject("data");
            boolean own = SPONTANEOUS.contains(type)
                    || type.equals("device.health") && "offline".equals(d.getString("status"))
                    || type.equals("print.finished") && "expired".equals(d.getString("result"));
            assertTrue(own, "a refused request appended " + events + ": " + what);
        }
    }

    /** The events after {@code from} up to {@code to} ({type, data}), read from the event stream (the witness). */
    private static List<JsonObject> eventsBetween(long from, long to) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(hub.url("/api/events")))
                .header("Last-Event-ID", String.valueOf(from)).build();
        HttpResponse<InputStream> r = STREAM.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<JsonObject> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            long id = -1;
            String type = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ") && type != null) {
                    events.add(new JsonObject().put("seq", id).put("type", type)
                            .put("data", new JsonObject(line.substring(6))));
                    if (id >= to) {
                        break;
                    }
                }
            }
        }
        assertEquals(to - from, events.size(), "events " + (from + 1) + ".." + to + " from the stream: " + events);
        return events;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String printable = s.replace("\u0000", "\\0").replace("\r", "\\r").replace("\n", "\\n");
        return printable.length() <= 300 ? printable : printable.substring(0, 300) + "... (" + s.length() + " chars)";
    }
}
