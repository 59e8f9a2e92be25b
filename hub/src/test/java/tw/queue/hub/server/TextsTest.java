package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors speak the language the caller wants most, by Accept-Language's q-values (RFC 4647 lookup), and every
 * language of the hub says every message, with the same arguments as the English one.
 */
class TextsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "zh-TW|zh-TW",
        "zh-CN,zh;q=0.9|zh-TW",
        "zh-Hant-HK|zh-TW",
        "en-US,en;q=0.9,zh-TW;q=0.8|en",
        "en;q=0.5, zh-TW;q=0.9|zh-TW",
        "fr, en;q=0.1, zh;q=0.5|zh-TW",
        "zh;q=0, en|en",
        "vi|vi",
        "vi-VN,vi;q=0.9,en;q=0.5|vi",
        "id-ID|id",
        "th, en;q=0.5|th",
        "fr, th;q=0.2, en;q=0.1|th",
        "ko|en",
        "*|en",
        "not;;a header|en",
    })
    void theCallersLanguage(String header, String expected) {
        assertThat(Texts.fromAcceptLanguage(header)).isEqualTo(Locale.forLanguageTag(expected));
    }

    @ParameterizedTest(name = "Messages_{0} has every key and argument of Messages.properties")
    @ValueSource(strings = {"zh_TW", "vi", "id", "th"})
    void everyLanguageSaysEveryMessage(String suffix) throws IOException {
        List<String> problems = differences(load(""), load("_" + suffix));
        assertThat(problems).as("Messages_%s.properties (%d problems)", suffix, problems.size()).isEmpty();
    }

    @Test
    void aMissingMessageOrArgumentIsFound() {
        Properties english = new Properties();
        english.setProperty("a", "Counter {0} is closed.");
        english.setProperty("b", "Try again in {0,number,#} s.");
        english.setProperty("c", "Nothing is here.");
        Properties partial = new Properties();
        partial.setProperty("a", "Quầy đang đóng.");
        partial.setProperty("b", "Thử lại sau {0,number,#} giây.");
        assertThat(differences(english, partial)).containsExactly("a: arguments [] instead of [0]", "missing key c");
    }

    @Test
    void aVietnameseKioskIsAnsweredInVietnamese() {
        assertThat(Texts.get(Texts.fromAcceptLanguage("vi"), "counter-closed", 5)).isEqualTo("Quầy số 5 đang đóng; hãy mở quầy trước.");
        assertThat(Texts.get(Texts.fromAcceptLanguage("id"), "day-closed")).startsWith("Hari layanan sudah ditutup");
        assertThat(Texts.get(Texts.fromAcceptLanguage("th"), "unknown-ticket")).isEqualTo("ไม่มีบัตรคิวนี้");
    }

    private static Properties load(String suffix) throws IOException {
        String name = "/tw/queue/hub/Messages" + suffix + ".properties";
        try (InputStream in = TextsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    private static List<String> differences(Properties reference, Properties bundle) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(reference.stringPropertyNames())) {
            String have = bundle.getProperty(key);
            if (have == null) {
                problems.add("missing key " + key);
                continue;
            }
            Set<Integer> wanted = arguments(reference.getProperty(key));
            Set<Integer> found = arguments(have);
            if (!wanted.equals(found)) {
                problems.add(key + ": arguments " + found + " instead of " + wanted);
            }
        }
        return problems;
    }

    /** The argument indexes a MessageFormat pattern uses ({0}, {1,number,#}...); a broken pattern fails. */
    private static Set<Integer> arguments(String pattern) {
        MessageFormat format = new MessageFormat(pattern, Locale.ROOT);
        Set<Integer> used = new TreeSet<>();
        Format[] byArgument = format.getFormatsByArgumentIndex();
        // getFormatsByArgumentIndex is as long as the highest index used + 1; find which indexes really occur
        for (int i = 0; i < byArgument.length; i++) {
            Object[] args = new Object[byArgument.length];
            java.util.Arrays.fill(args, 0);
            args[i] = 987654321;
            if (format.format(args).contains("987654321") || format.format(args).contains("987,654,321")) {
                used.add(i);
            }
        }
        return used;
    }
}
