package tw.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.queue.config.TestOffices.PASSWORD_HASH;
import static tw.queue.config.TestOffices.TOKEN_HASH;
import static tw.queue.config.TestOffices.VALID;
import static tw.queue.config.TestOffices.assertOnlyProblemAt;
import static tw.queue.config.TestOffices.lineOf;
import static tw.queue.config.TestOffices.onlyProblem;
import static tw.queue.config.TestOffices.problems;
import static tw.queue.config.TestOffices.rule;
import static tw.queue.config.TestOffices.with;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule, broken once in an otherwise valid office, is reported with the line of the offending node. */
class ValidationRulesTest {

    /** target in VALID, its replacement, text on the line the problem must point at, the exact message. */
    static Stream<Arguments> singleProblems() {
        return Stream.of(
                // required keys and texts
                rule("timezone: Asia/Taipei\n", "", "id: test",
                        "the office is missing required key 'timezone' (or it has no value)"),
                rule("    numbers: 5001-5999\n", "", "id: passport",
                        "service 'passport' is missing required key 'numbers' (or it has no value)"),
                rule("    expected-minutes: 6\n", "    expected-minutes:\n", "expected-minutes:\n",
                        "service 'transcript' is missing required key 'expected-minutes' (or it has no value)"),
                rule("name: {zh-TW: 測試戶政事務所, en: Test office}", "name: {zh-TW: 測試戶政事務所}", "name: {zh-TW: 測試戶政事務所}",
                        "the office: 'name' has no en text"),
                rule("names: {zh-TW: 護照, en: Passports}", "names: {zh-TW: ' ', en: Passports}", "names: {zh-TW: ' '",
                        "service 'passport': 'names' has no zh-TW text"),
                rule("hints: {zh-TW: 申請謄本, en: Copies of records}", "hints: {en: Copies of records}", "hints:",
                        "service 'transcript': 'hints' has no zh-TW text"),
                rule("- id: board-1\n    type: board\n    token-hash: " + TOKEN_HASH + "\n",
                        "- id: board-1\n    type: board\n", "id: board-1",
                        "device 'board-1' is missing required key 'token-hash' (or it has no value)"),
                rule("- username: clerk1\n    role: clerk\n", "- username: clerk1\n", "username: clerk1",
                        "staff account 'clerk1' is missing required key 'role' (or it has no value)"),
                // office
                rule("id: test", "id: Test_Office", "id: Test_Office",
                        "office id 'Test_Office' must start with a lowercase letter and use only lowercase letters, digits and '-'"),
                rule("timezone: Asia/Taipei", "timezone: Asia/Taipie", "timezone:",
                        "unknown timezone 'Asia/Taipie'; use a name such as Asia/Taipei"),
                // hours
                rule("  monday:", "  mondey:", "mondey",
                        "unknown day 'mondey' in hours; use monday, tuesday, wednesday, thursday, friday, saturday or sunday"),
                rule("monday: [\"08:00-17:00\"]", "monday: [\"08:00-17:00\"]\n  Monday: [\"09:00-10:00\"]", "Monday",
                        "day 'Monday' appears twice in hours (also as 'monday')"),
                rule("[\"08:00-17:00\"]", "[\"8-17\"]", "8-17",
                        "opening hours '8-17' on monday must look like 08:00-17:00"),
                rule("[\"08:00-17:00\"]", "[\"08:00-25:00\"]", "25:00",
                        "opening hours '08:00-25:00' on monday must look like 08:00-17:00"),
                rule("[\"08:00-17:00\"]", "[\"17:00-08:00\"]", "17:00-08:00",
                        "opening hours 17:00-08:00 on monday end before or when they start"),
                rule("\"13:00-17:00\"", "\n      \"11:00-17:00\"", "\"11:00-17:00\"",
                        "opening hours 08:00-12:00 and 11:00-17:00 on wednesday overlap"),
                // services
                rule("numbers: 5001-5999", "numbers: 5001 to 5999", "5001 to 5999",
                        "number range '5001 to 5999' of 'passport' must look like 2001-2999"),
                rule("numbers: 5001-5999", "numbers: 500-999", "500-999",
                        "number range 500-999 of 'passport' must use 4-digit numbers from 1000 to 9999"),
                rule("numbers: 5001-5999", "numbers: 0500-0999", "0500-0999",
                        "number range 0500-0999 of 'passport' must use 4-digit numbers from 1000 to 9999"),
                rule("numbers: 5001-5999", "numbers: 5001-59999", "5001-59999",
                        "number range 5001-59999 of 'passport' must use 4-digit numbers from 1000 to 9999"),
                rule("numbers: 5001-5999", "numbers: 5999-5001", "5999-5001",
                        "number range 5999-5001 of 'passport' starts after it ends"),
                rule("numbers: 4001-4999", "numbers: 2500-4999", "2500-4999",
                        "number range 2500-4999 of 'seal' overlaps 'transcript' (2001-2999)"),
                rule("expected-minutes: 8", "expected-minutes: 0", "expected-minutes: 0",
                        "expected-minutes of 'seal' must be more than 0, not 0"),
                rule("expected-minutes: 8", "expected-minutes: -1.5", "expected-minutes: -1.5",
                        "expected-minutes of 'seal' must be more than 0, not -1.5"),
                // counters
                rule("- number: 3", "- number: 2 # again", "number: 2 # again",
                        "counter 2 is defined twice (first on line 27)"),
                rule("- number: 3", "- number: 0", "number: 0",
                        "counter number 0 must be 1 or more"),
                rule("services: [seal]", "services: []", "services: []",
                        "counter 2 lists no services"),
                rule("services: [passport, transcript]", "services: [passport,\n      pasport]", "pasport]",
                        "counter 3 lists unknown service 'pasport' (did you mean 'passport'?)"),
                rule("services: [passport, transcript]", "services: [passport, xyz]", "xyz",
                        "counter 3 lists unknown service 'xyz'"),
                rule("services: [seal]", "services:\n      - seal\n      - seal # again", "seal # again",
                        "counter 2 lists service 'seal' twice"),
                // devices
                rule("- id: board-1", "- id: kiosk-1 # again", "kiosk-1 # again",
                        "device id 'kiosk-1' is used twice (first on line 32)"),
                rule("- id: board-1", "- id: Board 1", "Board 1",
                        "device id 'Board 1' must start with a lowercase letter and use only lowercase letters, digits and '-'"),
                rule("type: board", "type: printer", "printer",
                        "device 'board-1' has unknown type 'printer'; use kiosk, board or panel"),
                rule("type: board\n    token-hash: " + TOKEN_HASH,
                        "type: board\n    token-hash: " + TOKEN_HASH.toUpperCase(), TOKEN_HASH.toUpperCase(),
                        "token-hash of device 'board-1' must be 64 lowercase hex characters (the SHA-256 of its token)"),
                rule("type: board\n    token-hash: " + TOKEN_HASH,
                        "type: board\n    token-hash: " + TOKEN_HASH.substring(1), "token-hash: " + TOKEN_HASH.substring(1) + "\n",
                        "token-hash of device 'board-1' must be 64 lowercase hex characters (the SHA-256 of its token)"),
                rule("counters: [1, 2]", "counters: []", "counters: []",
                        "panel 'panel-1' lists no counters; a panel must list the counters it works at"),
                rule("counters: [1, 2]", "counters:\n      - 1\n      - 9", "- 9",
                        "device 'panel-1' lists counter 9, which does not exist"),
                rule("counters: [1, 2]", "counters: [2, 2]", "[2, 2]",
                        "device 'panel-1' lists counter 2 twice"),
                rule("type: board\n", "type: board\n    counters: [1]\n", "counters: [1]",
                        "device 'board-1' is a board; only panels list counters"),
                rule("pins: {call-next: 17, recall: 27}", "pins:\n      call-next: 17\n      recall: 17", "recall: 17",
                        "pin 17 used twice on device panel-1"),
                rule("recall: 27", "recall: 28", "recall: 28",
                        "pin 28 (recall) on device panel-1 is outside 0-27"),
                rule("pins: {call-next: 17, recall: 27}", "pins: {call-next: -1, recall: 27}", "call-next: -1",
                        "pin -1 (call-next) on device panel-1 is outside 0-27"),
                rule("baud: 9600", "baud: 0", "baud: 0",
                        "the baud rate of device 'kiosk-1' must be more than 0, not 0"),
                rule("port: /dev/ttyUSB0", "port: ''", "port: ''",
                        "the serial port of device 'kiosk-1' is empty"),
                // staff
                rule("username: clerk1", "username: Manager1", "Manager1",
                        "username 'Manager1' is used twice (first on line 45)"),
                rule("role: clerk", "role: admin", "admin",
                        "staff account 'clerk1' has unknown role 'admin'; use clerk, volunteer or manager"),
                rule("role: clerk\n    password-hash: " + PASSWORD_HASH, "role: clerk\n    password-hash: sha256$abc",
                        "sha256$abc",
                        "password-hash of 'clerk1' must look like pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>"),
                rule("role: clerk\n    password-hash: " + PASSWORD_HASH,
                        "role: clerk\n    password-hash: pbkdf2-sha256$0$c2FsdA==$aGFzaA==", "$0$",
                        "password-hash of 'clerk1' must look like pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>"),
                rule("role: clerk\n    password-hash: " + PASSWORD_HASH,
                        "role: clerk\n    password-hash: pbkdf2-sha256$1000$c2FsdA=$aGFzaA==", "c2FsdA=$",
                        "password-hash of 'clerk1' must look like pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleProblems")
    void reportsTheRuleAtTheOffendingLine(String message, String target, String replacement, String lineMarker) {
        assertOnlyProblemAt(with(target, replacement), message, lineMarker);
    }

    @Test
    void theValidOfficeHasNoProblems() {
        OfficeConfig office = OfficeConfigLoader.parse(VALID, "test.yaml", java.util.Locale.ENGLISH);
        assertThat(office.id()).isEqualTo("test");
    }

    @Test
    void firstOnLineNumbersInTheTableAreRight() {
        // the duplicate messages above name the line of the first definition; check those against VALID
        assertThat(lineOf(VALID, "- id: seal")).isEqualTo(13);
        assertThat(lineOf(VALID, "- number: 2")).isEqualTo(27);
        assertThat(lineOf(VALID, "- id: kiosk-1")).isEqualTo(32);
        assertThat(lineOf(VALID, "- username: manager1")).isEqualTo(45);
    }

    @Test
    void serviceIdsMustBeUnique() {
        String yaml = with("- id: passport", "- id: seal # again");

        List<ConfigProblem> problems = problems(yaml);

        // the counters' 'passport' is now unknown too; the duplicate is reported where it is defined again
        assertThat(problems).contains(new ConfigProblem("test.yaml", lineOf(yaml, "seal # again"),
                "service id 'seal' is defined twice (first on line 13)"));
        assertThat(problems).extracting(ConfigProblem::message)
                .contains("counter 1 lists unknown service 'passport'", "counter 3 lists unknown service 'passport'")
                .hasSize(3);
    }

    @Test
    void serviceIdsMustBeLowercaseWords() {
        String yaml = with("- id: transcript", "- id: Transcript");

        List<ConfigProblem> problems = problems(yaml);

        assertThat(problems).first().isEqualTo(new ConfigProblem("test.yaml", lineOf(yaml, "id: Transcript"),
                "service id 'Transcript' must start with a lowercase letter and use only lowercase letters, digits and '-'"));
        assertThat(problems).extracting(ConfigProblem::message)
                .contains("counter 1 lists unknown service 'transcript' (did you mean 'Transcript'?)");
    }

    @Test
    void everyServiceNeedsACounter() {
        String yaml = with(with("services: [transcript, seal, passport]", "services: [transcript, seal]"),
                "services: [passport, transcript]", "services: [transcript]");

        ConfigProblem problem = onlyProblem(yaml);

        assertThat(problem.message()).isEqualTo("no counter serves 'passport'; list it at one counter at least");
        assertThat(problem.line()).isEqualTo(lineOf(yaml, "- id: passport"));
    }

    @Test
    void aServiceCanBeMissingFromAllButOneCounter() {
        String yaml = with("services: [passport, transcript]", "services: [transcript]");
        assertThat(OfficeConfigLoader.parse(yaml, "test.yaml").counter(1).orElseThrow().serves("passport")).isTrue();
    }

    @Test
    void anEmptyListEntryIsReported() {
        String yaml = with("services: [seal]", "services: [seal, ~]");
        ConfigProblem problem = onlyProblem(yaml);
        assertThat(problem.message()).isEqualTo("empty entry in 'services'");
        assertThat(problem.line()).isEqualTo(lineOf(yaml, "[seal, ~]"));
    }

    @Test
    void emptyServiceAndCounterListsAreReported() {
        String yaml = """
                id: empty
                name: {zh-TW: 空, en: Empty}
                timezone: Asia/Taipei
                hours: {}
                services: []
                counters: []
                """;
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5, "the office has no services"),
                org.assertj.core.groups.Tuple.tuple(6, "the office has no counters"));
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        String yaml = with(VALID, "timezone: Asia/Taipei", "timezone: Mars/Olympus");
        yaml = with(yaml, "numbers: 4001-4999", "numbers: 2500-4999");
        yaml = with(yaml, "services: [passport, transcript]", "services: [pasport, transcript]");
        yaml = with(yaml, "recall: 27", "recall: 17");
        yaml = with(yaml, "role: clerk", "role: boss");
        yaml = with(yaml, "  monday:", "  funday:");

        List<ConfigProblem> problems = problems(yaml);

        assertThat(problems).extracting(ConfigProblem::line).containsExactly(
                lineOf(yaml, "Mars/Olympus"),
                lineOf(yaml, "funday"),
                lineOf(yaml, "2500-4999"),
                lineOf(yaml, "pasport"),
                lineOf(yaml, "recall: 17"),
                lineOf(yaml, "boss"));
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "unknown timezone 'Mars/Olympus'; use a name such as Asia/Taipei",
                "unknown day 'funday' in hours; use monday, tuesday, wednesday, thursday, friday, saturday or sunday",
                "number range 2500-4999 of 'seal' overlaps 'transcript' (2001-2999)",
                "counter 3 lists unknown service 'pasport' (did you mean 'passport'?)",
                "pin 17 used twice on device panel-1",
                "staff account 'clerk1' has unknown role 'boss'; use clerk, volunteer or manager");
    }

    @Test
    void theExceptionMessageListsEveryProblemAsSourceLineMessage() {
        String yaml = with(with("timezone: Asia/Taipei", "timezone: Nowhere"), "role: clerk", "role: boss");

        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> OfficeConfigLoader.parse(yaml, "offices/test.yaml", java.util.Locale.ENGLISH));

        assertThat(e.getMessage()).isEqualTo(
                "offices/test.yaml:3: unknown timezone 'Nowhere'; use a name such as Asia/Taipei\n"
                + "offices/test.yaml:" + lineOf(yaml, "boss")
                + ": staff account 'clerk1' has unknown role 'boss'; use clerk, volunteer or manager");
    }

    @Test
    void overlapsAreReportedForEachPair() {
        String yaml = with(with("numbers: 4001-4999", "numbers: 2500-5500"), "numbers: 5001-5999", "numbers: 5400-5999");

        List<ConfigProblem> problems = problems(yaml);

        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "number range 2500-5500 of 'seal' overlaps 'transcript' (2001-2999)",
                "number range 5400-5999 of 'passport' overlaps 'seal' (2500-5500)");
    }
}
