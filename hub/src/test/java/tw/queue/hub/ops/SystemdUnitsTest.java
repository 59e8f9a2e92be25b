package tw.queue.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tw.queue.hub.testing.SystemdUnit;

/**
 * An installer copies the unit a README shows: it is the one under {@code deploy/}, word for word, whose JVM
 * flags the benchmark measured; every agent runs with the same flags (the board with its compiler); and every flag of the hub's unit is
 * explained beside it in the README.
 */
class SystemdUnitsTest {
    @ParameterizedTest(name = "{0} shows deploy/{1}")
    @CsvSource({"README.md, queue-hub.service", "kiosk/README.md, queue-kiosk.service",
            "counter-terminal/README.md, queue-counter.service", "display-board/README.md, queue-board.service"})
    void theReadmeShowsTheUnitUnderDeployWordForWord(String readme, String unit) throws Exception {
        String text = Files.readString(SystemdUnit.root().resolve(readme));
        assertThat(text).as(readme + " shows deploy/" + unit + " as it is")
                .contains("```ini\n" + SystemdUnit.text(unit) + "```\n");
    }

    @Test
    void everyAgentRunsWithTheSameFlags() {
        List<String> kiosk = SystemdUnit.javaFlags("queue-kiosk.service");
        assertThat(kiosk).as("the kiosk's flags").isNotEmpty().anyMatch(f -> f.startsWith("-Xmx"));
        assertThat(SystemdUnit.javaFlags("queue-counter.service")).as("the counter terminal's flags").isEqualTo(kiosk);
        // the board keeps its compiler (the interpreter takes half a minute of CPU over the font); nothing else differs
        assertThat(kiosk).as("the kiosk runs without a compiler").contains("-Xint");
        assertThat(SystemdUnit.javaFlags("queue-board.service")).as("the display board's flags")
                .isEqualTo(kiosk.stream().filter(f -> !f.equals("-Xint")).toList());
    }

    @Test
    void theReadmeNamesTheAgentsFlagsAsTheirUnitsHaveThem() throws Exception {
        String readme = Files.readString(SystemdUnit.root().resolve("README.md")).replaceAll("\\s+", " ");
        assertThat(readme).as("README.md lists the agents' flags").contains(
                "`" + String.join(" ", SystemdUnit.javaFlags("queue-kiosk.service")) + "`");
    }

    @Test
    void everyFlagOfTheHubsUnitIsExplainedInTheReadme() throws Exception {
        String readme = Files.readString(SystemdUnit.root().resolve("README.md"));
        String why = readme.substring(readme.indexOf("Why each flag"));
        why = why.substring(0, why.indexOf("\n## "));
        for (String flag : SystemdUnit.javaFlags("queue-hub.service")) {
            // -Xmx128m -> Xmx, -XX:+UseSerialGC -> UseSerialGC, -XX:MaxMetaspaceSize=80m -> MaxMetaspaceSize
            String name = flag.replaceFirst("^-(XX:[+-]?|D)?", "").replaceFirst("=.*", "")
                    .replaceFirst("^(Xm[sx]|Xss).*", "$1");
            assertThat(Pattern.compile("(?<![a-z])" + Pattern.quote(name)).matcher(why).find())
                    .as(flag + " is explained under 'Why each flag'").isTrue();
        }
    }
}
