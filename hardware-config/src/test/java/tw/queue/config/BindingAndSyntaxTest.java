package tw.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static tw.queue.config.TestOffices.VALID;
import static tw.queue.config.TestOffices.lineOf;
import static tw.queue.config.TestOffices.onlyProblem;
import static tw.queue.config.TestOffices.problems;
import static tw.queue.config.TestOffices.with;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Problems found before validation: YAML syntax, duplicate keys, unknown keys and values of the wrong type. */
class BindingAndSyntaxTest {

    /** A value of the wrong shape: one problem, with this message, on the line holding the marker. */
    static Stream<Arguments> wrongShapes() {
        return Stream.of(
                Arguments.of("a wrong type, not also reported as missing", "expected-minutes: 8", "expected-minutes: six",
                        "'expected-minutes' must be a number, not 'six'", "six"),
                Arguments.of("a wrong whole number", "- number: 3", "- number: three",
                        "'number' must be a whole number, not 'three'", "three"),
                Arguments.of("a fraction where a whole number belongs", "baud: 9600", "baud: 9600.5",
                        "'baud' must be a whole number, not '9600.5'", "9600.5"),
                Arguments.of("a wrong list entry", "counters: [1, 2]", "counters:\n      - 1\n      - two",
                        "entries of 'counters' must be a whole number, not 'two'", "- two"),
                Arguments.of("a mapping where text belongs", "timezone: Asia/Taipei", "timezone:\n  zone: Asia/Taipei",
                        "'timezone' must be a text, not a mapping of keys", "zone: Asia/Taipei"),
                Arguments.of("text where a mapping belongs", "name: {zh-TW: 測試戶政事務所, en: Test office}",
                        "name: Test office", "'name' must be a mapping of keys, not 'Test office'", "name: Test office"),
                Arguments.of("a list where a mapping belongs", "serial: {port: /dev/ttyUSB0, baud: 9600, protocol: escpos}",
                        "serial: [/dev/ttyUSB0, 9600]", "'serial' must be a mapping of keys, not a list", "serial:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongShapes")
    void aValueOfTheWrongShapeIsReportedAtItsLine(String scene, String valid, String wrong, String message,
                                                  String marker) {
        String yaml = with(valid, wrong);

        ConfigProblem problem = onlyProblem(yaml);

        assertThat(problem.message()).isEqualTo(message);
        assertThat(problem.line()).isEqualTo(lineOf(yaml, marker));
    }

    @Test
    void anUnknownKeyIsReportedWithTheAllowedKeys() {
        String yaml = with("timezone: Asia/Taipei\n", "timezone: Asia/Taipei\ncolour: red\n");

        ConfigProblem problem = onlyProblem(yaml);

        assertThat(problem.message()).startsWith("unknown key 'colour'; allowed here: ")
                .contains("id", "name", "timezone", "hours", "services", "counters", "devices", "staff");
        assertThat(problem.line()).isEqualTo(lineOf(yaml, "colour"));
    }

    @Test
    void aMisspeltKeyGetsASuggestionAndTheMissingKeyIsReportedToo() {
        String yaml = with("expected-minutes: 8", "expected-minute:\n      8");

        List<ConfigProblem> problems = problems(yaml);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(lineOf(yaml, "- id: seal"),
                        "service 'seal' is missing required key 'expected-minutes' (or it has no value)"),
                tuple(lineOf(yaml, "expected-minute:"),
                        "unknown key 'expected-minute' (did you mean 'expected-minutes'?)"));
    }

    @Test
    void bindingAndValidationProblemsAreReportedTogether() {
        String yaml = with(with("expected-minutes: 8", "expected-minutes: eight"),
                "services: [passport, transcript]", "services: [pasport, transcript]");

        List<ConfigProblem> problems = problems(yaml);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(lineOf(yaml, "eight"), "'expected-minutes' must be a number, not 'eight'"),
                tuple(lineOf(yaml, "pasport"), "counter 3 lists unknown service 'pasport' (did you mean 'passport'?)"));
    }

    @Test
    void aSyntaxErrorIsReportedAtItsLine() {
        String yaml = with("services: [seal]", "services: [seal\n    area: B");

        ConfigProblem problem = onlyProblem(yaml);

        assertThat(problem.message()).startsWith("YAML syntax error: ");
        assertThat(problem.line()).isEqualTo(lineOf(yaml, "area: B"));
    }

    @Test
    void aBadIndentIsASyntaxError() {
        String yaml = "id: test\nname:\n  zh-TW: 測試\n en: Test\n";

        ConfigProblem problem = onlyProblem(yaml);

        assertThat(problem.message()).startsWith("YAML syntax error: ");
        assertThat(problem.line()).isEqualTo(4);
    }

    @Test
    void aDuplicateKeyIsReported() {
        String yaml = with("  - number: 2\n", "  - number: 2\n    area: B\n    area: C\n");

        ConfigProblem problem = onlyProblem(yaml);

        assertThat(problem.message()).isEqualTo("key 'area' appears twice (first on line " + lineOf(yaml, "area: B") + ")");
        assertThat(problem.line()).isEqualTo(lineOf(yaml, "area: C"));
    }

    @Test
    void anEmptyFileIsReported() {
        assertThat(onlyProblem("# nothing here\n")).isEqualTo(new ConfigProblem("test.yaml", 1,
                "the file is empty; an office needs at least id, name, timezone, hours, services and counters"));
    }

    @Test
    void aTopLevelListIsReported() {
        ConfigProblem problem = onlyProblem("\n- id: test\n");
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.message()).startsWith("the top level must be a mapping of keys");
    }

    @Test
    void missingTopLevelKeysAreAllReported() {
        List<ConfigProblem> problems = problems("id: test\n");

        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "the office is missing required key 'name' (or it has no value)",
                "the office is missing required key 'timezone' (or it has no value)",
                "the office is missing required key 'hours' (or it has no value)",
                "the office is missing required key 'services' (or it has no value)",
                "the office is missing required key 'counters' (or it has no value)");
        assertThat(problems).extracting(ConfigProblem::line).containsOnly(1);
    }

    @Test
    void aSingleValueWhereAListBelongsIsReported() {
        String yaml = with(with("services: [seal]", "services: seal"), "[\"08:00-17:00\"]", "08:00-17:00");

        List<ConfigProblem> problems = problems(yaml);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(lineOf(yaml, "monday: 08:00-17:00"), "'monday' must be a list, not '08:00-17:00'"),
                tuple(lineOf(yaml, "services: seal"), "'services' must be a list, not 'seal'"));
    }

    @Test
    void aMappingWhereANumberBelongsDoesNotStopTheOtherChecks() {
        String yaml = with(with("- number: 3", "- number: {three: 3}"), "role: clerk", "role: boss");

        List<ConfigProblem> problems = problems(yaml);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(lineOf(yaml, "{three: 3}"), "'number' must be a whole number, not a mapping of keys"),
                tuple(lineOf(yaml, "boss"),
                        "staff account 'clerk1' has unknown role 'boss'; use clerk, volunteer or manager"));
    }

    @Test
    void aScalarWhereAListEntryMappingBelongsIsReported() {
        String yaml = with("  - number: 3\n    services: [passport, transcript]\n", "  - 3\n");

        List<ConfigProblem> problems = problems(yaml, java.util.Locale.forLanguageTag("zh-TW"));

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(lineOf(yaml, "  - 3\n"), "「counters」的項目必須是欄位對照，不能是「3」"));
    }

    @Test
    void anUnknownKeyInADeviceIsReported() {
        String yaml = with("type: board\n", "type: board\n    colour: red\n");
        ConfigProblem problem = onlyProblem(yaml);
        assertThat(problem.line()).isEqualTo(lineOf(yaml, "colour"));
        assertThat(problem.message()).startsWith("unknown key 'colour'; allowed here: ").contains("token-hash", "pins");
    }

    @Test
    void theValidTestOfficeIsStillValid() {
        assertThat(OfficeConfigLoader.parse(VALID, "test.yaml").services()).hasSize(3);
    }
}
