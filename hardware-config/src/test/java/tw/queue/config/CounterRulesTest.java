package tw.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.queue.config.TestOffices.VALID;
import static tw.queue.config.TestOffices.lineOf;
import static tw.queue.config.TestOffices.onlyProblem;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The office's counter rules: the double-press guard and the wait before a no-show. */
class CounterRulesTest {

    private static OfficeConfig parse(String yaml) {
        return OfficeConfigLoader.parse(yaml, "test.yaml", Locale.ENGLISH);
    }

    @Test
    void anOfficeWithoutRulesGetsTenSecondsAgainstADoublePressAndThirtyBeforeANoShow() {
        CounterRules rules = parse(VALID).counterRules();

        assertThat(rules.callNextGuard()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rules.noShowAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theOfficeSetsBothRules() {
        CounterRules rules = parse(VALID + "counter-rules: {call-next-guard-seconds: 5, no-show-after-seconds: 45}\n")
                .counterRules();

        assertThat(rules).isEqualTo(new CounterRules(Duration.ofSeconds(5), Duration.ofSeconds(45)));
    }

    @Test
    void oneRuleLeftOutKeepsItsDefault() {
        CounterRules rules = parse(VALID + "counter-rules:\n  call-next-guard-seconds: 0\n").counterRules();

        assertThat(rules).isEqualTo(new CounterRules(Duration.ZERO, Duration.ofSeconds(30)));
    }

    @Test
    void aNegativeGuardIsReportedOnItsLine() {
        String yaml = VALID + "counter-rules:\n  call-next-guard-seconds: -3\n";

        ConfigProblem p = onlyProblem(yaml);

        assertThat(p.line()).isEqualTo(lineOf(yaml, "call-next-guard-seconds"));
        assertThat(p.message()).isEqualTo(
                "counter-rules call-next-guard-seconds must be a whole number of seconds from 0 to 600, not -3");
    }

    @Test
    void anHourBeforeANoShowIsATypingError() {
        String yaml = VALID + "counter-rules:\n  no-show-after-seconds: 3600\n";

        assertThat(onlyProblem(yaml).message()).contains("no-show-after-seconds").contains("3600");
    }

    @Test
    void aMisspelledRuleIsAnUnknownKey() {
        String yaml = VALID + "counter-rules:\n  call-next-guard: 10\n";

        ConfigProblem p = onlyProblem(yaml);

        assertThat(p.line()).isEqualTo(lineOf(yaml, "call-next-guard: 10"));
        assertThat(p.message()).contains("call-next-guard");
    }

    @Test
    void aGuardInWordsIsNotANumber() {
        String yaml = VALID + "counter-rules:\n  call-next-guard-seconds: ten\n";

        ConfigProblem p = onlyProblem(yaml);

        assertThat(p.line()).isEqualTo(lineOf(yaml, "call-next-guard-seconds"));
    }

    @Test
    void theBundledSampleStatesTheDefaults() {
        assertThat(OfficeConfigLoader.loadBundledSample(Locale.ENGLISH).counterRules()).isEqualTo(CounterRules.DEFAULT);
    }
}
