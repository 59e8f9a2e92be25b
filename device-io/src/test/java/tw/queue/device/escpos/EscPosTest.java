package tw.queue.device.escpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Golden frames, written out by hand from the Epson ESC/POS command reference. */
class EscPosTest {
    private static final Charset BIG5 = Charset.forName("Big5");

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    @Test
    void theNumberVeryLargeAndCentredAfterInitialisingInChineseMode() {
        byte[] b = new EscPos(BIG5).init().chineseMode().align(EscPos.Align.CENTER).size(4, 4).line("2005").bytes();
        // ESC @, FS &, ESC a 1, GS ! 0x33 (4x wide, 4x high), "2005", LF
        assertThat(hex(b)).isEqualTo("1b 40 1c 26 1b 61 01 1d 21 33 32 30 30 35 0a");
    }

    @Test
    void chineseTextIsBig5ByDefaultAndGb18030WhenConfigured() {
        assertThat(hex(new EscPos(BIG5).line("戶政號").bytes())).isEqualTo("a4 e1 ac 46 b8 b9 0a");
        assertThat(hex(new EscPos(Charset.forName("GB18030")).line("号").bytes())).isEqualTo("ba c5 0a");
    }

    @Test
    void aQrCodeIsModelTwoSizeErrorCorrectionStoreAndPrint() {
        byte[] b = new EscPos(BIG5).qr("http://h/t/ab", 6).bytes();
        assertThat(hex(b)).isEqualTo(
                "1d 28 6b 04 00 31 41 32 00 "           // fn 165: model 2
                + "1d 28 6b 03 00 31 43 06 "           // fn 167: module 6 dots
                + "1d 28 6b 03 00 31 45 31 "           // fn 169: error correction M
                + "1d 28 6b 10 00 31 50 30 "           // fn 180: store 13 + 3 bytes
                + "68 74 74 70 3a 2f 2f 68 2f 74 2f 61 62 "
                + "1d 28 6b 03 00 31 51 30");          // fn 181: print
    }

    @Test
    void boldFeedCutAndStatusRequests() {
        assertThat(hex(new EscPos(BIG5).bold(true).bold(false).feed(3).cut().bytes()))
                .isEqualTo("1b 45 01 1b 45 00 1b 64 03 1d 56 42 00");
        assertThat(hex(EscPos.statusRequest(1))).isEqualTo("10 04 01");
        assertThat(hex(EscPos.statusRequest(4))).isEqualTo("10 04 04");
        assertThatThrownBy(() -> EscPos.statusRequest(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRasterImageHasItsSizeInLittleEndianBeforeTheDots() {
        byte[] dots = new byte[2 * 3];
        dots[0] = (byte) 0x80;
        byte[] b = new EscPos(BIG5).raster(2, 3, dots).bytes();
        assertThat(hex(b)).isEqualTo("1d 76 30 00 02 00 03 00 80 00 00 00 00 00");
        assertThatThrownBy(() -> new EscPos(BIG5).raster(2, 3, new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rasterTextOfTheNumberHasBlackDotsWithinThePaperWidth() {
        RasterText.Bitmap bmp = RasterText.render("2005", 576, 64, true);
        assertThat(bmp.widthBytes()).isEqualTo(72);
        assertThat(bmp.heightDots()).isGreaterThanOrEqualTo(64);
        assertThat(bmp.isBlank()).isFalse();
        assertThat(RasterText.render(" ", 384, 24, false).isBlank()).isTrue();
    }
}
