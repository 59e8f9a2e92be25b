package tw.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.provider.Arguments;

/** A small valid office and helpers to break it in one place and see what the loader says. */
final class TestOffices {

    static final String TOKEN_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String PASSWORD_HASH = "pbkdf2-sha256$210000$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==";

    static final String VALID = """
            id: test
            name: {zh-TW: 測試戶政事務所, en: Test office}
            timezone: Asia/Taipei
            hours:
              monday: ["08:00-17:00"]
              wednesday: ["08:00-12:00", "13:00-17:00", "17:00-20:00"]
            services:
              - id: transcript
                names: {zh-TW: 戶籍謄本, en: Transcripts}
                hints: {zh-TW: 申請謄本, en: Copies of records}
                numbers: 2001-2999
                expected-minutes: 6
              - id: seal
                names: {zh-TW: 印鑑, en: Seals}
                numbers: 4001-4999
                expected-minutes: 8
                private: true
                priority-eligible: false
              - id: passport
                names: {zh-TW: 護照, en: Passports}
                numbers: 5001-5999
                expected-minutes: 10
            counters:
              - number: 1
                services: [transcript, seal, passport]
                area: A
              - number: 2
                services: [seal]
              - number: 3
                services: [passport, transcript]
            devices:
              - id: kiosk-1
                type: kiosk
                token-hash: %1$s
                serial: {port: /dev/ttyUSB0, baud: 9600, protocol: escpos}
              - id: board-1
                type: board
                token-hash: %1$s
              - id: panel-1
                type: panel
                token-hash: %1$s
                counters: [1, 2]
                pins: {call-next: 17, recall: 27}
            staff:
              - username: manager1
                role: manager
                password-hash: %2$s
              - username: clerk1
                role: clerk
                password-hash: %2$s
            """.formatted(TOKEN_HASH, PASSWORD_HASH);

    private TestOffices() {
    }

    /** VALID with {@code target} (which must occur exactly once) replaced. */
    static String with(String target, String replacement) {
        return with(VALID, target, replacement);
    }

    static String with(String yaml, String target, String replacement) {
        int first = yaml.indexOf(target);
        assertThat(first).as("'%s' occurs in the test YAML", target).isGreaterThanOrEqualTo(0);
        assertThat(yaml.indexOf(target, first + 1)).as("'%s' occurs only once", target).isEqualTo(-1);
        return yaml.replace(target, replacement);
    }

    /** The 1-based line of the only occurrence of {@code text}. */
    static int lineOf(String yaml, String text) {
        int at = yaml.indexOf(text);
        assertThat(at).as("'%s' occurs in the YAML", text).isGreaterThanOrEqualTo(0);
        assertThat(yaml.indexOf(text, at + 1)).as("'%s' occurs only once", text).isEqualTo(-1);
        return (int) yaml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The problems the loader reports (in English), failing if it accepts the YAML. */
    static List<ConfigProblem> problems(String yaml) {
        return problems(yaml, Locale.ENGLISH);
    }

    static List<ConfigProblem> problems(String yaml, Locale locale) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> OfficeConfigLoader.parse(yaml, "test.yaml", locale));
        assertThat(e).as("the loader rejects the YAML").isNotNull();
        return e.problems();
    }

    /** The only problem reported. */
    static ConfigProblem onlyProblem(String yaml) {
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).as("exactly one problem").hasSize(1);
        return problems.get(0);
    }

    /**
     * A parameter row for a rule test: replacing {@code target} by {@code replacement} breaks the office once,
     * with {@code message} reported at the line that holds {@code lineMarker}. The message comes first, as the name.
     */
    static Arguments rule(String target, String replacement, String lineMarker, String message) {
        return Arguments.of(message, target, replacement, lineMarker);
    }

    /** The loader reports exactly one problem, {@code message}, in test.yaml at the line of {@code lineMarker}. */
    static void assertOnlyProblemAt(String yaml, String message, String lineMarker) {
        ConfigProblem problem = onlyProblem(yaml);

        assertThat(problem.message()).isEqualTo(message);
        assertThat(problem.line()).as("line of '%s'", lineMarker).isEqualTo(lineOf(yaml, lineMarker));
        assertThat(problem.source()).isEqualTo("test.yaml");
    }
}
