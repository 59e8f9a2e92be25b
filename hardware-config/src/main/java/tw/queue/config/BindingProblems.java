package tw.queue.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Collects Jackson binding problems (unknown keys, values of the wrong type) instead of stopping at the first,
 * so that one run reports them all. A mistyped value binds as {@code null}; its path is remembered so the
 * validator does not also call it "missing".
 */
final class BindingProblems extends DeserializationProblemHandler {

    /** A problem at a path, with the line Jackson reported (0 if it had none). */
    record Found(String path, int line, String message) {
    }

    /** Keys in the order the format documents them, so "allowed here" lists read like the file. */
    private static final List<String> DOCUMENTED_KEYS = List.of("id", "name", "timezone", "hours", "services",
            "counters", "devices", "staff", "names", "hints", "numbers", "expected-minutes", "private",
            "priority-eligible", "number", "area", "type", "token-hash", "serial", "pins", "port", "baud", "protocol",
            "username", "role", "password-hash");
    private static final Comparator<String> KEY_ORDER = Comparator
            .comparingInt((String k) -> DOCUMENTED_KEYS.contains(k) ? DOCUMENTED_KEYS.indexOf(k) : Integer.MAX_VALUE)
            .thenComparing(Comparator.naturalOrder());

    private final ConfigMessages messages;
    private final YamlLines lines;
    private final List<Found> found = new ArrayList<>();
    private final Set<String> failedPaths = new HashSet<>();

    BindingProblems(ConfigMessages messages, YamlLines lines) {
        this.messages = messages;
        this.lines = lines;
    }

    List<Found> found() {
        return found;
    }

    Set<String> failedPaths() {
        return failedPaths;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        String path = pathOf(p);
        if (!lastKey(path).equals(propertyName)) {
            path = YamlLines.child(path, propertyName);
        }
        Integer keyLine = lines.keyLine(path);
        int line = keyLine != null ? keyLine : p.currentTokenLocation().getLineNr();
        Collection<Object> known = deserializer.getKnownPropertyNames();
        List<String> knownNames = known == null ? List.of()
                : known.stream().map(String::valueOf).sorted(KEY_ORDER).collect(Collectors.toList());
        String suggestion = Suggest.closest(propertyName, knownNames);
        String message = suggestion != null
                ? messages.get("yaml.unknownKey.suggest", propertyName, suggestion)
                : messages.get("yaml.unknownKey", propertyName, String.join(", ", knownNames));
        found.add(new Found(path, line, message));
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                                         String failureMsg) {
        wrongValue(ctxt.getParser(), targetType, valueToConvert);
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                                         String failureMsg) {
        wrongValue(ctxt.getParser(), targetType, String.valueOf(valueToConvert));
        return null;
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                        String failureMsg) throws IOException {
        wrongShape(p, targetType.getRawClass(), t);
        p.skipChildren();
        return null;
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                                            ValueInstantiator valueInsts, JsonParser p, String msg) throws IOException {
        wrongShape(p, instClass, p.currentToken());
        p.skipChildren();
        return null;
    }

    /** A binding error the handler could not absorb; binding stops there. */
    void add(JsonMappingException e) {
        String path = pathOf(e.getPath());
        int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
        String message;
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid
                && invalid.getTargetType() != null) {
            message = wrongValueMessage(path, invalid.getTargetType(), String.valueOf(invalid.getValue()));
        } else {
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            message = messages.get("yaml.unreadable", lastKey(path), original);
        }
        failedPaths.add(path);
        found.add(new Found(path, line, message));
    }

    private void wrongValue(JsonParser p, Class<?> targetType, String value) {
        String path = pathOf(p);
        failedPaths.add(path);
        found.add(new Found(path, p.currentTokenLocation().getLineNr(), wrongValueMessage(path, targetType, value)));
    }

    private String wrongValueMessage(String path, Class<?> targetType, String value) {
        String key = path.endsWith("]") ? "yaml.wrongValue.entry" : "yaml.wrongValue";
        return messages.get(key, lastKey(path), typeName(targetType), value);
    }

    private void wrongShape(JsonParser p, Class<?> targetType, JsonToken token) throws IOException {
        String path = pathOf(p);
        failedPaths.add(path);
        int line = p.currentTokenLocation().getLineNr();
        String message;
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            String shape = messages.get(token == JsonToken.START_OBJECT ? "type.mapping" : "type.list");
            String key = path.endsWith("]") ? "yaml.wrongShape.entry" : "yaml.wrongShape";
            message = messages.get(key, lastKey(path), typeName(targetType), shape);
        } else {
            message = wrongValueMessage(path, targetType, p.getText());
        }
        found.add(new Found(path, line, message));
    }

    private String typeName(Class<?> type) {
        String key;
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            key = "type.integer";
        } else if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            key = "type.number";
        } else if (type == Boolean.class || type == boolean.class) {
            key = "type.boolean";
        } else if (type == String.class) {
            key = "type.text";
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            key = "type.list";
        } else {
            key = "type.mapping";
        }
        return messages.get(key);
    }

    /** The key a path ends in, ignoring trailing indexes: {@code counters[0].services[2]} gives {@code services}. */
    static String lastKey(String path) {
        String p = path;
        while (p.endsWith("]")) {
            p = p.substring(0, p.lastIndexOf('['));
        }
        int dot = p.lastIndexOf('.');
        return dot < 0 ? p : p.substring(dot + 1);
    }

    /** The path of the value the parser is at, in {@link YamlLines} form. */
    static String pathOf(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        JsonToken token = p.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && context.getParent() != null) {
            context = context.getParent(); // the parser has already entered the container it complains about
        }
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                segments.add(0, "." + (c.getCurrentName() == null ? "" : c.getCurrentName()));
            } else if (c.inArray()) {
                segments.add(0, "[" + c.getCurrentIndex() + "]");
            }
        }
        return join(segments);
    }

    static String pathOf(List<JsonMappingException.Reference> references) {
        List<String> segments = new ArrayList<>();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                segments.add("." + ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                segments.add("[" + ref.getIndex() + "]");
            }
        }
        return join(segments);
    }

    private static String join(List<String> segments) {
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
