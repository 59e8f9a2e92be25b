package tw.queue.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tw.queue.testsupport.HubProcess;

/** An installer's mistakes on the agents' command line: one clear line and exit code 2, never a stack trace. */
class AgentCommandLineTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out) {
    }

    private Run run(String module, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HubProcess.javaBinary(), "-Duser.language=en", "-Duser.country=US",
                "-jar", AgentProcess.findJar(module).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the agent gave up at once").isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    private static void oneClearLine(Run r, String contains) {
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.out().lines().filter(l -> !l.contains(" INFO ")).toList()).as(r.out()).hasSize(1);
        assertThat(r.out()).contains(contains).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk", "counter-terminal"})
    void aSerialPortThatIsNotThereIsOneLine(String module) throws Exception {
        oneClearLine(run(module, "--demo", "--hub", "http://127.0.0.1:9", "--serial", "/dev/ttyNOPE7"),
                "serial port /dev/ttyNOPE7 of device");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk", "counter-terminal"})
    void anUnknownDeviceIsOneLine(String module) throws Exception {
        oneClearLine(run(module, "--demo", "--hub", "http://127.0.0.1:9", "--device", "demo-kiosk-9"),
                "unknown device 'demo-kiosk-9'");
    }

    @Test
    void aPanelNamedForTheKioskAgentIsOneLine() throws Exception {
        oneClearLine(run("kiosk", "--demo", "--hub", "http://127.0.0.1:9", "--device", "demo-panel-3"),
                "device 'demo-panel-3' is a panel, not a kiosk");
    }

    @Test
    void aBadOfficeConfigIsOneLineWithFileAndLine() throws Exception {
        Path yaml = tmp.resolve("office.yaml");
        Files.writeString(yaml, "id: test\nname: {zh-TW: 測試, en: Test}\ntimezone: Asia/Taipie\n");
        Run r = run("counter-terminal", "--config", yaml.toString(), "--hub", "http://127.0.0.1:9");
        oneClearLine(r, yaml + ":3");
        assertThat(r.out()).contains("Asia/Taipie");
    }

    @Test
    void aMissingHubAddressAndAnUnknownOptionAreOneLineEach() throws Exception {
        oneClearLine(run("kiosk", "--demo"), "no hub address");
        oneClearLine(run("counter-terminal", "--demo", "--hub", "http://127.0.0.1:9", "--colour", "red"),
                "unknown option '--colour'");
    }
}
