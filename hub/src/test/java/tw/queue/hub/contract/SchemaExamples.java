package tw.queue.hub.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/** Values a request schema of the OpenAPI document allows, drawn from what the demo office knows. */
final class SchemaExamples {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final List<String> services;
    private final String today;

    /** @param services service ids of the office; {@code today} the office's date (yyyy-mm-dd) */
    SchemaExamples(List<String> services, String today) {
        this.services = List.copyOf(services);
        this.today = today;
    }

    /** A value the schema allows, from what the office knows where the name says what it is. */
    JsonNode valid(JsonNode schema, String name, Random random) {
        return valid(schema, name, random, true);
    }

    /** The same with only the required fields of each object: the plainest request an operation takes. */
    JsonNode plain(JsonNode schema, String name, Random random) {
        return valid(schema, name, random, false);
    }

    private JsonNode valid(JsonNode schema, String name, Random random, boolean optional) {
        if (schema == null || schema.isMissingNode()) {
            return NODES.textNode("x");
        }
        if (schema.has("enum")) {
            JsonNode e = schema.get("enum");
            return e.get(random.nextInt(e.size()));
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode alts = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
            return valid(alts.get(random.nextInt(alts.size())), name, random, optional);
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("string");
        switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                Set<String> required = new java.util.HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
                while (props.hasNext()) {
                    Map.Entry<String, JsonNode> p = props.next();
                    if (required.contains(p.getKey()) || optional && random.nextBoolean()) {
                        o.set(p.getKey(), valid(p.getValue(), p.getKey(), random, optional));
                    }
                }
                JsonNode extra = schema.path("additionalProperties");
                if (extra.isObject() && !schema.has("properties")) {
                    String key = pick(List.of("zh-TW", "en", "printer", "display", "paper"),
                            schema.path("propertyNames").path("pattern").asText(null), random, "k");
                    o.set(key, valid(extra, key, random, optional));
                }
                return o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                int n = Math.max(1, schema.path("minItems").asInt(1));
                for (int i = 0; i < n; i++) {
                    a.add(valid(schema.path("items"), name, random, optional));
                }
                return a;
            }
            case "integer", "number" -> {
                long min = schema.path("minimum").asLong(0);
                long max = Math.min(schema.path("maximum").asLong(min + 100), min + 100);
                return NODES.numberNode(min + random.nextInt((int) (max - min + 1)));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                String format = schema.path("format").asText("");
                if (format.equals("date") || name.equals("date") || name.equals("from") || name.equals("to")) {
                    return NODES.textNode(today);
                }
                if (format.equals("date-time") || name.equals("at")) {
                    return NODES.textNode(java.time.OffsetDateTime.now(ZoneId.of("Asia/Taipei")).plusHours(1)
                            .withNano(0).toString());
                }
                if (name.equals("service")) {
                    return NODES.textNode(services.get(random.nextInt(services.size())));
                }
                List<String> known = new ArrayList<>(services);
                known.addAll(List.of("demo-kiosk-2", "demo-board-1", "demo-panel-10", "nosuch-device", "help",
                        "entrance", "12345678", "zh-TW", "en", "clerk10", "volunteer", today.substring(0, 7),
                        "printed", "paper-out", "ok", "a-0123456789abcdef", "p-0123456789abcdef", "DEMO1", "FUZZ-1234",
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
                        "kiosk-by-the-door", "Abcdefgh12345678"));
                String pattern = schema.path("pattern").asText(null);
                String value = pick(known, pattern, random, "abcdefgh");
                int min = schema.path("minLength").asInt(0);
                int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
                if (value.length() < min || value.length() > max) {
                    value = "a".repeat(Math.max(min, 1));
                }
                return NODES.textNode(value);
            }
        }
    }

    private static String pick(List<String> known, String pattern, Random random, String fallback) {
        if (pattern == null) {
            return known.get(random.nextInt(known.size()));
        }
        Pattern p = Pattern.compile(pattern);
        List<String> fit = known.stream().filter(k -> p.matcher(k).find()).toList();
        return fit.isEmpty() ? fallback : fit.get(random.nextInt(fit.size()));
    }

}
