package tw.queue.device.modbus;

/**
 * The register map of a counter number display (as DM-series RS-485 displays take it): holding register 0 is
 * the mode (0 blank, 1 steady, 2 blinking), registers 1-4 the four digit positions, left to right, each the
 * ASCII code of its character ('0'-'9', or a space for a leading blank). Numbers are at most four digits.
 */
public final class DisplayRegisters {
    public static final int MODE = 0;
    public static final int FIRST_DIGIT = 1;
    public static final int DIGITS = 4;

    public enum Mode { BLANK, STEADY, BLINK }

    private DisplayRegisters() {
    }

    /** The values of registers 0-4 for {@code number} in {@code mode} (a blank display shows spaces). */
    public static int[] values(Mode mode, Integer number) {
        int[] v = new int[1 + DIGITS];
        v[MODE] = mode.ordinal();
        String text = mode == Mode.BLANK || number == null ? "" : Integer.toString(number);
        if (text.length() > DIGITS) {
            throw new IllegalArgumentException("a counter display shows at most " + DIGITS + " digits, not " + text);
        }
        String padded = " ".repeat(DIGITS - text.length()) + text;
        for (int i = 0; i < DIGITS; i++) {
            v[FIRST_DIGIT + i] = padded.charAt(i);
        }
        return v;
    }

    /**
     * The frames that put {@code values} on the display at {@code slave}: one function 16 frame, or with
     * function 06 one frame per register, the digits first and the mode last (so it never blinks the old number).
     */
    public static byte[][] frames(int function, int slave, int[] values) {
        if (function == ModbusRtu.WRITE_MULTIPLE_REGISTERS) {
            return new byte[][] {ModbusRtu.writeMultipleRegisters(slave, MODE, values)};
        }
        if (function != ModbusRtu.WRITE_SINGLE_REGISTER) {
            throw new IllegalArgumentException("display function " + function + " is not 6 or 16");
        }
        byte[][] frames = new byte[values.length][];
        for (int i = 1; i < values.length; i++) {
            frames[i - 1] = ModbusRtu.writeSingleRegister(slave, i, values[i]);
        }
        frames[values.length - 1] = ModbusRtu.writeSingleRegister(slave, MODE, values[MODE]);
        return frames;
    }
}
