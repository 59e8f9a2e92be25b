package tw.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static tw.queue.config.TestOffices.lineOf;
import static tw.queue.config.TestOffices.problems;
import static tw.queue.config.TestOffices.with;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Messages come from the ConfigMessages bundles, in Traditional Chinese or English. */
class LocalizedMessagesTest {

    private static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");

    @Test
    void zhTwGivesChineseMessages() {
        String yaml = with(with("services: [passport, transcript]", "services: [pasport, transcript]"),
                "recall: 27", "recall: 17");

        List<ConfigProblem> problems = problems(yaml, ZH_TW);

        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "3 號櫃檯列出不存在的服務「pasport」（是否要寫「passport」？）",
                "設備 panel-1 的腳位 17 被使用兩次");
        assertThat(problems).extracting(ConfigProblem::line)
                .containsExactly(lineOf(yaml, "pasport"), lineOf(yaml, "recall: 17"));
    }

    @Test
    void zhTwCoversBindingAndSyntaxProblemsToo() {
        assertThat(problems(with("expected-minutes: 8", "expected-minutes: six"), ZH_TW))
                .extracting(ConfigProblem::message).containsExactly("「expected-minutes」必須是數字，不能是「six」");
        assertThat(problems("id: test\n", ZH_TW).get(0).message()).isEqualTo("事務所設定缺少必填欄位「name」（或該欄位沒有值）");
        assertThat(problems("id: [test\n", ZH_TW).get(0).message()).startsWith("YAML 語法錯誤：");
    }

    @Test
    void theDefaultLocaleChoosesTheLanguage() {
        Locale saved = Locale.getDefault();
        String yaml = with("role: clerk", "role: boss");
        try {
            Locale.setDefault(ZH_TW);
            ConfigException chinese = catchThrowableOfType(ConfigException.class,
                    () -> OfficeConfigLoader.parse(yaml, "test.yaml"));
            assertThat(chinese.problems().get(0).message())
                    .isEqualTo("人員帳號「clerk1」的角色「boss」不正確，請使用 clerk、volunteer 或 manager");

            // an explicit English locale is English even on a zh-TW machine (no fallback to the default locale)
            ConfigException english = catchThrowableOfType(ConfigException.class,
                    () -> OfficeConfigLoader.parse(yaml, "test.yaml", Locale.ENGLISH));
            assertThat(english.problems().get(0).message())
                    .isEqualTo("staff account 'clerk1' has unknown role 'boss'; use clerk, volunteer or manager");

            Locale.setDefault(Locale.US);
            ConfigException us = catchThrowableOfType(ConfigException.class,
                    () -> OfficeConfigLoader.parse(yaml, "test.yaml"));
            assertThat(us.problems().get(0).message()).startsWith("staff account 'clerk1'");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void otherLocalesFallBackToEnglish() {
        assertThat(problems(with("role: clerk", "role: boss"), Locale.JAPANESE).get(0).message())
                .isEqualTo("staff account 'clerk1' has unknown role 'boss'; use clerk, volunteer or manager");
    }

    @Test
    void numbersAreNotFormattedWithGroupingSeparators() {
        String yaml = with("baud: 9600", "baud: -12000");
        assertThat(problems(yaml).get(0).message())
                .isEqualTo("the baud rate of device 'kiosk-1' must be more than 0, not -12000");
        assertThat(problems(yaml, ZH_TW).get(0).message()).isEqualTo("設備「kiosk-1」的鮑率必須大於 0，不能是 -12000");
    }

    @Test
    void bothBundlesHaveTheSameKeysAndValidPatterns() throws IOException {
        Properties english = bundle("ConfigMessages.properties");
        Properties chinese = bundle("ConfigMessages_zh_TW.properties");

        assertThat(english.stringPropertyNames()).isNotEmpty().isEqualTo(chinese.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            MessageFormat en = new MessageFormat(english.getProperty(key));
            MessageFormat zh = new MessageFormat(chinese.getProperty(key));
            assertThat(zh.getFormatsByArgumentIndex().length).as("arguments of %s", key)
                    .isEqualTo(en.getFormatsByArgumentIndex().length);
            assertThat(chinese.getProperty(key)).as("%s is translated", key)
                    .satisfiesAnyOf(v -> assertThat(v).containsPattern("\\p{IsHan}"),
                            v -> assertThat(key).startsWith("type.boolean"));
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ConfigMessages.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
