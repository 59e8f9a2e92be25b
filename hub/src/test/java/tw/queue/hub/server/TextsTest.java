package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors speak the language the caller wants most, by Accept-Language's q-values (RFC 4647 lookup). */
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
        "vi|en",
        "*|en",
        "not;;a header|en",
    })
    void theCallersLanguage(String header, String expected) {
        assertThat(Texts.fromAcceptLanguage(header)).isEqualTo(Locale.forLanguageTag(expected));
    }
}
