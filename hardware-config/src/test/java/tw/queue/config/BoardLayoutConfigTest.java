package tw.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.queue.config.TestOffices.lineOf;
import static tw.queue.config.TestOffices.onlyProblem;
import static tw.queue.config.TestOffices.problems;

import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The installer lays out the lobby's LED boards; mistakes are reported at their line. */
class BoardLayoutConfigTest {
    private static final String BOARD_ENTRY = """
              - id: board-1
                type: board
                token-hash: %s
            """.formatted(TestOffices.TOKEN_HASH);

    private static String withBoard(String block) {
        return TestOffices.with(BOARD_ENTRY, BOARD_ENTRY + """
                serial: {port: /dev/ttyUSB1, protocol: alpha, data-bits: 7, parity: even}
                board:
            """ + block.indent(6));
    }

    @Test
    void aTwoLineBoardForTheTranscriptCountersLoadsWithItsSettings() {
        String yaml = withBoard("""
                width: 160
                lines: 2
                counters: [1, 3]
                services: [transcript]
                languages: [en, zh-TW]
                scroll-speed: 2
                call-effect: flash
                call-seconds: 5
                call-repeat: 3
                colour: red
                brightness: {"07:30": 100, "18:00": 40}
                address: 3
                """);
        DeviceDef board = OfficeConfigLoader.parse(yaml, "test.yaml", Locale.ENGLISH).devices().get(1);
        BoardLayout b = board.board();
        assertThat(b).isEqualTo(new BoardLayout(160, 32, 2, List.of(1, 3), List.of("transcript"), List.of("en", "zh-TW"),
                2, BoardLayout.CallEffect.FLASH, 5, 3, BoardLayout.LedColour.RED,
                List.of(new BoardLayout.BrightnessStep(LocalTime.of(7, 30), 100),
                        new BoardLayout.BrightnessStep(LocalTime.of(18, 0), 40)), 3));
        assertThat(b.brightnessAt(LocalTime.of(6, 0))).as("before the first step: the evening's").isEqualTo(40);
        assertThat(b.brightnessAt(LocalTime.of(12, 0))).isEqualTo(100);
        assertThat(b.dimHours()).hasValueSatisfying(h -> assertThat(h).containsExactly(18, 7));
        assertThat(b.covers(3, "passport")).isTrue();
        assertThat(b.covers(2, "transcript")).isTrue();
        assertThat(b.covers(2, "seal")).isFalse();
        assertThat(board.serial()).isEqualTo(new DeviceDef.SerialPortDef("/dev/ttyUSB1", 9600, "alpha", 7,
                DeviceDef.Parity.EVEN, 1));
    }

    @Test
    void aBoardWithoutALayoutGetsTheDefaultOneAndOtherDevicesNone() {
        OfficeConfig office = OfficeConfigLoader.parse(TestOffices.VALID, "test.yaml", Locale.ENGLISH);
        assertThat(office.devices().get(1).board()).isEqualTo(BoardLayout.DEFAULT);
        assertThat(office.devices().get(0).board()).isNull();
        assertThat(BoardLayout.DEFAULT.covers(25, "anything")).isTrue();
        assertThat(BoardLayout.DEFAULT.dimHours()).isEmpty();
    }

    @Test
    void mistakesInALayoutAreEachReportedAtTheirLine() {
        String yaml = withBoard("""
                width: 300
                counters: [1, 9]
                services: [transcrip]
                languages: [zh-TW, vi]
                scroll-speed: 7
                call-effect: blink
                colour: blue
                brightness: {"25:00": 50, "18:00": 140}
                """);
        List<String> got = problems(yaml).stream().map(ConfigProblem::toString).toList();
        assertThat(got).containsExactlyInAnyOrder(
                "test.yaml:" + lineOf(yaml, "width: 300") + ": board 'board-1' must be 8 to 255 pixels wide and 16 to 64 high, not 300x16",
                "test.yaml:" + lineOf(yaml, "counters: [1, 9]") + ": board 'board-1' covers counter 9, which does not exist",
                "test.yaml:" + lineOf(yaml, "services: [transcrip]")
                        + ": board 'board-1' covers service 'transcrip', which does not exist (did you mean 'transcript'?)",
                "test.yaml:" + lineOf(yaml, "languages: [zh-TW, vi]") + ": board 'board-1' lists language 'vi'; boards speak zh-TW and en",
                "test.yaml:" + lineOf(yaml, "scroll-speed: 7") + ": scroll-speed of board 'board-1' must be 1 to 5, not 7",
                "test.yaml:" + lineOf(yaml, "call-effect: blink") + ": call-effect of board 'board-1' must be hold or flash, not 'blink'",
                "test.yaml:" + lineOf(yaml, "colour: blue") + ": colour of board 'board-1' must be red, green or amber, not 'blue'",
                "test.yaml:" + lineOf(yaml, "brightness:") + ": brightness time '25:00' of board 'board-1' must be HH:MM",
                "test.yaml:" + lineOf(yaml, "brightness:") + ": brightness from 18:00 of board 'board-1' must be 0 to 100, not 140");
    }

    @Test
    void threeLinesDoNotFitSixteenPixelsAndOnlyBoardsHaveALayout() {
        String yaml = withBoard("""
                height: 16
                lines: 3
                """);
        assertThat(onlyProblem(yaml).toString()).isEqualTo("test.yaml:" + lineOf(yaml, "lines: 3")
                + ": board 'board-1' cannot show 3 lines in 16 pixels of height (16 per line)");
        String kiosk = TestOffices.with("    serial: {port: /dev/ttyUSB0, baud: 9600, protocol: escpos}\n",
                "    serial: {port: /dev/ttyUSB0, baud: 9600, protocol: escpos}\n    board: {lines: 1}\n");
        assertThat(onlyProblem(kiosk).toString()).isEqualTo("test.yaml:" + lineOf(kiosk, "board: {lines: 1}")
                + ": device 'kiosk-1' is a kiosk; only boards have a board layout");
    }

    @Test
    void theInstallerReadsTheProblemInChinese() {
        String yaml = withBoard("scroll-speed: 0\n");
        assertThat(problems(yaml, Locale.TRADITIONAL_CHINESE).get(0).message())
                .isEqualTo("字幕機「board-1」的 scroll-speed 須為 1 到 5，不能是 0");
    }
}
