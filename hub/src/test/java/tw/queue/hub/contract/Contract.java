package tw.queue.hub.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped OpenAPI document and pages, read from the hub's classpath as the hub serves them. */
final class Contract {
    private Contract() {
    }

    static JsonNode openApi() {
        try (InputStream in = resource("openapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode schema(String name) {
        JsonNode s = openApi().path("components").path("schemas").path(name);
        if (s.isMissingNode()) {
            throw new AssertionError("no components/schemas/" + name + " in openapi.yaml");
        }
        return s;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The quoted strings of {@code export const NAME = [...]} in a page script. */
    static List<String> scriptList(String script, String name) {
        String js = text(script);
        Matcher m = Pattern.compile("export const " + name + " = \\[(.*?)]", Pattern.DOTALL).matcher(js);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + script);
        }
        List<String> out = new ArrayList<>();
        Matcher q = Pattern.compile("'([^']*)'").matcher(m.group(1));
        while (q.find()) {
            out.add(q.group(1));
        }
        return out;
    }

    private static String text(String path) {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Contract.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new AssertionError("not on the classpath: " + path);
        }
        return in;
    }
}
