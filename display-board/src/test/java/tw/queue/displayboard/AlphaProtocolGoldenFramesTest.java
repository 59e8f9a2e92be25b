package tw.queue.displayboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.queue.displayboard.alpha.AlphaProtocol;
import tw.queue.displayboard.alpha.AlphaProtocol.TextPart;
import tw.queue.displayboard.alpha.TextRuns;
import tw.queue.displayboard.render.PixelGrid;

/** Golden frames, worked out by hand from the Alpha protocol document (checksum = sum of STX..ETX, 4 hex digits). */
class AlphaProtocolGoldenFramesTest {
    private static final String SYNC_HEADER = "0000000000" + "01" + "5A" + "3030"; // 5 NUL, SOH, 'Z', "00"

    private static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    private static String ascii(String s) {
        return hex(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void aNumberHeldOnEverySignIsOneTextPacket() {
        byte[] frame = AlphaProtocol.writeText(AlphaProtocol.Header.broadcast(), 'A',
                List.of(new TextPart.Block(AlphaProtocol.Position.FILL, AlphaProtocol.Mode.HOLD),
                        new TextPart.Chars("2001"))).bytes();
        // STX 'A' 'A' ESC '0' 'b' "2001" ETX: 0x02+0x41+0x41+0x1B+0x30+0x62+0x32+0x30+0x30+0x31+0x03 = 0x01F7
        assertThat(hex(frame)).isEqualTo(SYNC_HEADER + "02" + "4141" + "1B3062" + ascii("2001") + "03"
                + ascii("01F7") + "04");
    }

    @Test
    void aPictureCallAndAScrollSpeedAreControlBytesInTheText() {
        byte[] frame = AlphaProtocol.writeText(new AlphaProtocol.Header('Z', 0x1F), 'A',
                List.of(new TextPart.Block(AlphaProtocol.Position.TOP, AlphaProtocol.Mode.ROTATE),
                        new TextPart.Speed(3), new TextPart.CallPicture('B'), new TextPart.Chars(" 5"))).bytes();
        int sum = 0x02 + 0x41 + 0x41 + 0x1B + 0x22 + 0x61 + 0x17 + 0x14 + 0x42 + 0x20 + 0x35 + 0x03;
        assertThat(hex(frame)).isEqualTo("0000000000015A" + ascii("1F") + "02" + "4141" + "1B2261" + "17" + "1442"
                + "2035" + "03" + ascii(String.format("%04X", sum)) + "04");
    }

    @Test
    void aSmallDotsPictureIsHeightWidthThenCrEndedRowsAndPausesAfterTheWidth() {
        PixelGrid g = new PixelGrid(3, 2);
        g.set(0, 0, true);
        g.set(2, 0, true);
        g.set(1, 1, true);
        AlphaProtocol.Transmission t = AlphaProtocol.writeSmallDots(AlphaProtocol.Header.broadcast(), 'B', g,
                AlphaProtocol.DotColour.RED);
        // STX 'I' 'B' "02" "03" "101" CR "010" CR ETX sums to 0x0292
        assertThat(hex(t.bytes())).isEqualTo(SYNC_HEADER + "02" + "4942" + ascii("0203") + ascii("101") + "0D"
                + ascii("010") + "0D" + "03" + ascii("0292") + "04");
        assertThat(t.parts()).hasSize(2);
        assertThat(hex(t.parts().get(0))).isEqualTo(SYNC_HEADER + "02" + "4942" + ascii("0203"));
    }

    @Test
    void theMemoryMapHoldsTheTextFileAndThePictures() {
        byte[] frame = AlphaProtocol.memoryConfiguration(AlphaProtocol.Header.broadcast(), List.of(
                new AlphaProtocol.FileAllocation.Text('A', 0x800),
                new AlphaProtocol.FileAllocation.DotsPicture('B', 16, 16))).bytes();
        // STX 'E' '$' "AAU0800FF00" "BDU10101000" ETX sums to 0x0557
        assertThat(hex(frame)).isEqualTo(SYNC_HEADER + "02" + ascii("E$") + ascii("AAU0800FF00")
                + ascii("BDU10101000") + "03" + ascii("0557") + "04");
    }

    @Test
    void theSignDimsFromSixInTheEveningToSevenInTheMorning() {
        byte[] frame = AlphaProtocol.dimmingTimes(AlphaProtocol.Header.broadcast(), 18, 7).bytes();
        // STX 'E' '/' "12" "07" ETX: 0x02+0x45+0x2F+0x31+0x32+0x30+0x37+0x03 = 0x0143
        assertThat(hex(frame)).isEqualTo(SYNC_HEADER + "02" + ascii("E/") + ascii("1207") + "03" + ascii("0143") + "04");
    }

    @Test
    void onlyPrintableAsciiGoesAsTextAndLabelsAreChecked() {
        assertThatThrownBy(() -> new TextPart.Chars("號")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlphaProtocol.writeText(AlphaProtocol.Header.broadcast(), '?', List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlphaProtocol.writeSmallDots(AlphaProtocol.Header.broadcast(), 'B',
                new PixelGrid(256, 16), AlphaProtocol.DotColour.RED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChineseCallSplitsIntoPicturesAroundTheNumbers() {
        assertThat(TextRuns.split("請 2001 號 到 5 號櫃檯")).containsExactly(
                new TextRuns.Run("請", true), new TextRuns.Run(" 2001 ", false), new TextRuns.Run("號 到", true),
                new TextRuns.Run(" 5 ", false), new TextRuns.Run("號櫃檯", true));
        assertThat(TextRuns.split("Number 2001, counter 5")).containsExactly(
                new TextRuns.Run("Number 2001, counter 5", false));
    }
}
