package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A citizen reading Vietnamese, Indonesian or Thai never meets a Chinese or English text by accident: every
 * page-text file built into the hub has every key zh-TW.json has, each with the same {placeholders}; plural
 * texts ({"one": ..., "other": ...}) have an "other" form; a spoken language's "speech" block has the shape the
 * board reads (webroot/audio/README.md).
 */
class WebBundlesTest {
    static final Path DIR = Path.of(System.getProperty("basedir", "."), "src/main/resources/webroot/i18n");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(?::\\w+)?\\}");
    static final Set<String> CITIZENS_LANGUAGES = Set.of("zh-TW", "en", "vi", "id", "th");

    /** The page-text files besides zh-TW; a spoken-only language (language.speechOnly: Hakka) is no page text. */
    static Stream<String> bundles() throws IOException {
        return allBundles().filter(tag -> !bundle(tag).getBoolean("language.speechOnly", false));
    }

    static Stream<String> spokenOnly() throws IOException {
        return allBundles().filter(tag -> bundle(tag).getBoolean("language.speechOnly", false));
    }

    private static Stream<String> allBundles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("zh-TW.json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}.json, spoken only, has a speech block the board reads")
    @MethodSource("spokenOnly")
    void aSpokenOnlyLanguageHasItsSpeechBlock(String tag) {
        Object speech = bundle(tag).getValue("speech");
        assertThat(speech).as("%s.json speech", tag).isNotNull();
        assertThat(speechProblems(speech)).as("%s.json speech", tag).isEmpty();
    }

    static JsonObject bundle(String tag) {
        try {
            return new JsonObject(Files.readString(DIR.resolve(tag + ".json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + tag + ".json", e);
        }
    }

    @Test
    void theHubShipsTheFiveLanguagesOfTheLobby() throws IOException {
        List<String> tags = new ArrayList<>(bundles().toList());
        tags.add("zh-TW");
        assertThat(tags).containsAll(CITIZENS_LANGUAGES);
        assertThat(bundle("vi").getString("language.name")).isEqualTo("Tiếng Việt");
        assertThat(bundle("id").getString("language.name")).isEqualTo("Bahasa Indonesia");
        assertThat(bundle("th").getString("language.name")).isEqualTo("ภาษาไทย");
        assertThat(bundle("zh-TW").getString("language.name")).isEqualTo("中文");
        assertThat(bundle("en").getString("language.name")).isEqualTo("English");
    }

    @ParameterizedTest(name = "{0}.json has every zh-TW key and placeholder")
    @MethodSource("bundles")
    void everyBundleHasEveryKeyAndPlaceholderOfZhTw(String tag) {
        List<String> problems = differences(bundle("zh-TW"), bundle(tag));
        assertThat(problems).as("%s.json against zh-TW.json (%d problems)", tag, problems.size()).isEmpty();
    }

    @Test
    void aMissingKeyOrPlaceholderIsFound() {
        JsonObject reference = new JsonObject().put("a", "{n} 人").put("b", "好").put("c", "{min} 分");
        JsonObject partial = new JsonObject().put("a", "{n} people").put("c", new JsonObject().put("one", "a minute"));
        assertThat(differences(reference, partial)).containsExactly(
                "missing key b",
                "c: no \"other\" form",
                "c: placeholders [] instead of [min]");
    }

    /** What a bundle lacks against the reference: keys, placeholders, plural forms, the speech block's shape. */
    static List<String> differences(JsonObject reference, JsonObject bundle) {
        List<String> problems = new ArrayList<>();
        for (String key : reference.fieldNames()) {
            Object want = reference.getValue(key);
            Object have = bundle.getValue(key);
            if (key.equals("speech")) {
                if (have != null) {
                    problems.addAll(speechProblems(have));
                }
                continue;
            }
            if (key.startsWith("language.") && !key.equals("language.name")) {
                continue;
            }
            if (have == null) {
                problems.add("missing key " + key);
                continue;
            }
            if (have instanceof JsonObject forms && !forms.containsKey("other")) {
                problems.add(key + ": no \"other\" form");
            }
            Set<String> wanted = placeholders(want);
            Set<String> found = placeholders(have);
            if (!wanted.equals(found)) {
                problems.add(key + ": placeholders " + found + " instead of " + wanted);
            }
        }
        return problems;
    }

    /** The placeholders of a text, or of all the forms of a plural text together. */
    static Set<String> placeholders(Object text) {
        Set<String> names = new TreeSet<>();
        if (text instanceof JsonObject forms) {
            for (String form : forms.fieldNames()) {
                names.addAll(placeholders(forms.getValue(form)));
            }
        } else if (text instanceof String s) {
            Matcher m = PLACEHOLDER.matcher(s);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static List<String> speechProblems(Object speech) {
        List<String> problems = new ArrayList<>();
        if (!(speech instanceof JsonObject s)) {
            return List.of("speech: not an object");
        }
        if (!(s.getValue("voices") instanceof JsonArray voices) || voices.isEmpty()) {
            problems.add("speech.voices: not a list of language tags");
        }
        if (!(s.getValue("text") instanceof String)) {
            problems.add("speech.text: not a text");
        }
        if (!(s.getValue("clips") instanceof JsonArray clips) || clips.isEmpty()) {
            problems.add("speech.clips: not a list of clip names");
        } else {
            Set<String> used = placeholders(String.join(" ", clips.stream().map(String::valueOf).toList()));
            if (!used.equals(Set.of("number", "counter"))) {
                problems.add("speech.clips: say " + used + ", not the number and the counter");
            }
        }
        if (!List.of("zh", "digits", "en").contains(s.getString("numbers", ""))) {
            problems.add("speech.numbers: zh, digits or en, not " + s.getValue("numbers"));
        }
        return problems;
    }
}
