package tw.queue.device.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Frames checked against ones computed by hand (CRC-16 bit by bit as the Modbus over Serial Line
 * specification's appendix describes it), including the specification's own examples.
 */
class ModbusRtuTest {
    private static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    @Test
    void crcMatchesTheSpecificationsExamples() {
        // Modbus over Serial Line v1.02, 6.2.2: the CRC of 02 07 is 0x1241, sent 41 12
        assertThat(ModbusRtu.crc(bytes("02 07"), 2)).isEqualTo(0x1241);
        // the usual read-holding-registers example: 01 03 00 00 00 0A -> C5 CD
        assertThat(ModbusRtu.crc(bytes("01 03 00 00 00 0a"), 6)).isEqualTo(0xCDC5);
    }

    @Test
    void writeSingleRegisterFrame() {
        assertThat(hex(ModbusRtu.writeSingleRegister(1, 1, 3))).isEqualTo("01 06 00 01 00 03 98 0b");
        // counter 7's display: mode register 0 := 1 (steady)
        assertThat(hex(ModbusRtu.writeSingleRegister(7, 0, 1))).isEqualTo("07 06 00 00 00 01 48 6c");
    }

    @Test
    void counterSevenShowsTwoThousandAndFiveWithOneFunctionSixteenFrame() {
        int[] values = DisplayRegisters.values(DisplayRegisters.Mode.STEADY, 2005);
        assertThat(values).containsExactly(1, '2', '0', '0', '5');
        byte[][] frames = DisplayRegisters.frames(16, 7, values);
        assertThat(frames).hasNumberOfRows(1);
        // 07 10 | start 0000 | quantity 0005 | 10 bytes | 0001 0032 0030 0030 0035 | CRC
        assertThat(hex(frames[0])).isEqualTo("07 10 00 00 00 05 0a 00 01 00 32 00 30 00 30 00 35 7c 16");
    }

    @Test
    void withFunctionSixTheDigitsGoFirstAndTheModeLast() {
        byte[][] frames = DisplayRegisters.frames(6, 1, DisplayRegisters.values(DisplayRegisters.Mode.BLINK, 42));
        assertThat(frames).hasNumberOfRows(5);
        assertThat(hex(frames[0])).isEqualTo("01 06 00 01 00 20 d9 d2"); // ' '
        assertThat(hex(frames[3])).isEqualTo("01 06 00 04 00 32 49 de"); // '2'
        assertThat(hex(frames[4])).isEqualTo("01 06 00 00 00 02 08 0b"); // mode 2: blink
    }

    @Test
    void aBlankDisplayShowsSpacesInModeZero() {
        assertThat(DisplayRegisters.values(DisplayRegisters.Mode.BLANK, 2005)).containsExactly(0, ' ', ' ', ' ', ' ');
    }

    @Test
    void repliesAreCheckedForEchoCrcAndExceptions() {
        byte[] req = ModbusRtu.writeMultipleRegisters(7, 0, DisplayRegisters.values(DisplayRegisters.Mode.STEADY, 2005));
        assertThat(ModbusRtu.check(req, bytes("07 10 00 00 00 05 00 6c"))).isEqualTo(ModbusRtu.Reply.OK);
        assertThat(ModbusRtu.check(req, bytes("07 10 00 00 00 05 00 6d"))).isEqualTo(ModbusRtu.Reply.BAD_CRC);
        assertThat(ModbusRtu.check(req, bytes("07 90 02 2d c0"))).isEqualTo(ModbusRtu.Reply.EXCEPTION);
        assertThat(ModbusRtu.check(req, bytes("07 10 00"))).isEqualTo(ModbusRtu.Reply.INCOMPLETE);
        byte[] single = ModbusRtu.writeSingleRegister(1, 1, 3);
        assertThat(ModbusRtu.check(single, single)).as("06 is answered by its echo").isEqualTo(ModbusRtu.Reply.OK);
    }
}
