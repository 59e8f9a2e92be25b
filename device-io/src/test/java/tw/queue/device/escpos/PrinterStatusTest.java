package tw.queue.device.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The four DLE EOT answers, bit by bit as the Epson reference defines them (0x12 = all clear). */
class PrinterStatusTest {
    private static final int CLEAR = 0x12;

    @Test
    void allClearIsOk() {
        assertThat(PrinterStatus.decode(CLEAR, CLEAR, CLEAR, CLEAR)).isEqualTo(PrinterStatus.OK);
    }

    @Test
    void paperRollEndIsPaperOutAndNearEndIsPaperLow() {
        assertThat(PrinterStatus.decode(0x1A, 0x32, CLEAR, 0x72)).isEqualTo(PrinterStatus.PAPER_OUT);
        assertThat(PrinterStatus.decode(CLEAR, CLEAR, CLEAR, 0x7E)).isEqualTo(PrinterStatus.PAPER_OUT);
        assertThat(PrinterStatus.decode(CLEAR, CLEAR, CLEAR, 0x1E)).isEqualTo(PrinterStatus.PAPER_LOW);
        assertThat(PrinterStatus.PAPER_LOW.canPrint()).isTrue();
        assertThat(PrinterStatus.PAPER_OUT.canPrint()).isFalse();
    }

    @Test
    void coverOpenOfflineAndCutterError() {
        assertThat(PrinterStatus.decode(0x1A, 0x16, CLEAR, CLEAR)).isEqualTo(PrinterStatus.COVER_OPEN);
        assertThat(PrinterStatus.decode(0x1A, CLEAR, CLEAR, CLEAR)).isEqualTo(PrinterStatus.OFFLINE);
        assertThat(PrinterStatus.decode(0x1A, 0x52, 0x1A, CLEAR)).isEqualTo(PrinterStatus.ERROR);
    }

    @Test
    void aByteWithoutTheFixedBitsIsNotAStatus() {
        assertThat(PrinterStatus.isStatusByte(0x12)).isTrue();
        assertThat(PrinterStatus.isStatusByte(0x00)).isFalse();
        assertThat(PrinterStatus.isStatusByte(0x92)).isFalse();
        assertThat(PrinterStatus.decode(CLEAR, 0x41, CLEAR, CLEAR)).isEqualTo(PrinterStatus.ERROR);
        assertThat(PrinterStatus.PAPER_OUT.wire()).isEqualTo("paper-out");
    }
}
