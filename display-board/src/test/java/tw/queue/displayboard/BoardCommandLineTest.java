package tw.queue.displayboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.device.agent.AgentSetup;
import tw.queue.testsupport.Await;

/** The installer starts the board agent; a wrong setup is one clear line (exit code 2), a right one runs. */
class BoardCommandLineTest {
    private static Locale before;
    @TempDir
    Path dir;

    @BeforeAll
    static void english() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
    }

    @AfterAll
    static void back() {
        Locale.setDefault(before);
    }

    private static String setupProblem(String... args) {
        AgentSetup.SetupException e = catchThrowableOfType(AgentSetup.SetupException.class,
                () -> Main.start(args, Map.of(), new PrintStream(new ByteArrayOutputStream())));
        assertThat(e).as("the setup is refused").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        assertThat(AgentSetup.EXIT_SETUP).isEqualTo(2);
        return e.getMessage();
    }

    @Test
    void aMissingPortAnUnknownDeviceAndABadConfigAreEachOneLine() throws Exception {
        assertThat(setupProblem("--hub", "http://127.0.0.1:9", "--demo"))
                .isEqualTo("serial port /dev/ttyUSB0 of device 'demo-board-1' does not exist");
        assertThat(setupProblem("--hub", "http://127.0.0.1:9", "--demo", "--device", "lobby-9"))
                .isEqualTo("unknown device 'lobby-9' (not in the office config)");
        Path bad = dir.resolve("office.yaml");
        Files.writeString(bad, "id: x\nname: {zh-TW: x, en: x}\ntimezone: Asia/Taipei\nhours: {}\nservices: []\n");
        assertThat(setupProblem("--hub", "http://127.0.0.1:9", "--config", bad.toString())).startsWith(bad + ":");
    }

    @Test
    void simulatedWithTheHubAwayTheBoardSaysReconnectingInItsFramesAndPicture() throws Exception {
        Path frames = Files.createFile(dir.resolve("frames.bin"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Main.Running running = Main.start(new String[] {"--hub", "http://127.0.0.1:9", "--demo", "--simulate",
                "--serial", frames.toString()}, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            TestGlyphs glyphs = new TestGlyphs("系統連線中 ");
            Await.until(Duration.ofSeconds(20), () -> {
                byte[] b = readAll(frames);
                AlphaSignDecoder fresh = new AlphaSignDecoder();
                fresh.feed(b, b.length);
                return fresh.read('A', glyphs).equals("系統連線中 | Reconnecting");
            }, "the reconnect text in the frames file");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("virtual board picture (kept up to date): "
                    + running.png());
            Await.until(Duration.ofSeconds(10), () -> Files.exists(running.png()), "the virtual board's picture");
            assertThat(running.agent().onBoard().text()).isEqualTo("系統連線中 | Reconnecting");
            assertThat(running.health().components()).containsEntry("display:demo-board-1", "ok");
        }
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
