package tw.queue.hub.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every operation of the shipped OpenAPI document, with its parameters and body schema ({@code $ref}s resolved)
 * and the roles it names ({@code x-roles}): what the fuzzer and the role test are generated from.
 */
final class ApiOperations {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");
    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    record Param(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * @param roles    the {@code x-roles} of the operation (empty when it names none)
     * @param bodyType the request body's media type, or null when it takes none
     * @param streams  whether its answer is an event stream ({@code x-event-stream}), which a good request keeps open
     */
    record Op(String method, String path, String id, List<Param> params, JsonNode body, boolean bodyRequired,
              String bodyType, List<String> roles, boolean atCounter, boolean streams) {
        boolean isWrite() {
            return WRITES.contains(method);
        }

        /** The path with each {name} replaced by the value the function gives, as is (already encoded). */
        String path(java.util.function.Function<Param, String> value) {
            String p = path;
            for (Param param : params) {
                if (param.in().equals("path")) {
                    p = p.replace("{" + param.name() + "}", value.apply(param));
                }
            }
            return p;
        }

        @Override
        public String toString() {
            return method + " " + path + " (" + id + ")";
        }
    }

    private ApiOperations() {
    }

    static List<Op> all() {
        JsonNode doc = Contract.openApi();
        List<Op> ops = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> m = methods.next();
                if (!METHODS.contains(m.getKey())) {
                    continue;
                }
                JsonNode op = m.getValue();
                List<Param> params = new ArrayList<>();
                for (JsonNode p : iterable(path.getValue().path("parameters"), op.path("parameters"))) {
                    JsonNode r = resolve(doc, p);
                    params.add(new Param(r.path("name").asText(), r.path("in").asText(), r.path("required").asBoolean(),
                            resolve(doc, r.path("schema"))));
                }
                JsonNode content = op.path("requestBody").path("content");
                String type = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                JsonNode body = type == null ? null : resolve(doc, content.path(type).path("schema"));
                List<String> roles = new ArrayList<>();
                op.path("x-roles").forEach(r -> roles.add(r.asText()));
                ops.add(new Op(m.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
                        op.path("operationId").asText(), params, body, op.path("requestBody").path("required").asBoolean(),
                        type, roles, op.path("x-at-counter").asBoolean(),
                        op.path("x-event-stream").asBoolean()));
            }
        }
        return ops;
    }

    private static List<JsonNode> iterable(JsonNode... arrays) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : arrays) {
            a.forEach(out::add);
        }
        return out;
    }

    /** The node with every {@code $ref} inside it replaced by what it points at (the document has no cycles in requests). */
    static JsonNode resolve(JsonNode doc, JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return node;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            JsonNode target = doc.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new AssertionError("dangling $ref " + ref);
            }
            return resolve(doc, target);
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                copy.set(f.getKey(), resolve(doc, f.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = ((com.fasterxml.jackson.databind.node.ArrayNode) node)
                    .deepCopy();
            for (int i = 0; i < node.size(); i++) {
                copy.set(i, resolve(doc, node.get(i)));
            }
            return copy;
        }
        return node;
    }
}
