package tw.queue.device.modbus;

/**
 * Modbus RTU frames (Modbus Application Protocol v1.1b3 and Modbus over Serial Line v1.02): slave address,
 * function, data, CRC-16 (polynomial 0xA001 reflected, initial 0xFFFF, low byte first). Only what a counter
 * number display needs: function 06 (write single register) and 16 (write multiple registers), and reading
 * their replies. Plain values in, bytes out; no I/O.
 */
public final class ModbusRtu {
    public static final int WRITE_SINGLE_REGISTER = 0x06;
    public static final int WRITE_MULTIPLE_REGISTERS = 0x10;

    private ModbusRtu() {
    }

    /** Function 06: slave, 06, register hi lo, value hi lo, CRC lo hi. */
    public static byte[] writeSingleRegister(int slave, int register, int value) {
        checkSlave(slave);
        return withCrc(new byte[] {(byte) slave, WRITE_SINGLE_REGISTER, hi(register), lo(register), hi(value), lo(value)});
    }

    /** Function 16: slave, 16, start hi lo, quantity hi lo, byte count, values (hi lo each), CRC lo hi. */
    public static byte[] writeMultipleRegisters(int slave, int start, int... values) {
        checkSlave(slave);
        if (values.length < 1 || values.length > 123) {
            throw new IllegalArgumentException("Modbus writes 1-123 registers at once, not " + values.length);
        }
        byte[] f = new byte[7 + 2 * values.length];
        f[0] = (byte) slave;
        f[1] = WRITE_MULTIPLE_REGISTERS;
        f[2] = hi(start);
        f[3] = lo(start);
        f[4] = hi(values.length);
        f[5] = lo(values.length);
        f[6] = (byte) (2 * values.length);
        for (int i = 0; i < values.length; i++) {
            f[7 + 2 * i] = hi(values[i]);
            f[8 + 2 * i] = lo(values[i]);
        }
        return withCrc(f);
    }

    /** The length of the normal reply to a write request: 8 bytes for both 06 (an echo) and 16. */
    public static int replyLength(byte[] request) {
        return 8;
    }

    /** What a reply to {@code request} says. */
    public enum Reply { OK, EXCEPTION, BAD_CRC, MISMATCH, INCOMPLETE }

    /**
     * Checks a reply: 06 echoes the request; 16 echoes address, function, start and quantity; an exception reply
     * is address, function | 0x80, exception code, CRC.
     */
    public static Reply check(byte[] request, byte[] reply) {
        if (reply.length >= 5 && reply[0] == request[0] && (reply[1] & 0xFF) == ((request[1] & 0xFF) | 0x80)) {
            return crcOk(reply, 5) ? Reply.EXCEPTION : Reply.BAD_CRC;
        }
        if (reply.length < 8) {
            return Reply.INCOMPLETE;
        }
        if (!crcOk(reply, 8)) {
            return Reply.BAD_CRC;
        }
        for (int i = 0; i < 6; i++) {
            if (reply[i] != request[i]) {
                return Reply.MISMATCH;
            }
        }
        return Reply.OK;
    }

    /** CRC-16/MODBUS of {@code length} bytes. */
    public static int crc(byte[] data, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    private static boolean crcOk(byte[] frame, int length) {
        int crc = crc(frame, length - 2);
        return (frame[length - 2] & 0xFF) == (crc & 0xFF) && (frame[length - 1] & 0xFF) == (crc >>> 8);
    }

    private static byte[] withCrc(byte[] body) {
        byte[] f = java.util.Arrays.copyOf(body, body.length + 2);
        int crc = crc(body, body.length);
        f[body.length] = (byte) (crc & 0xFF);
        f[body.length + 1] = (byte) (crc >>> 8);
        return f;
    }

    private static void checkSlave(int slave) {
        if (slave < 1 || slave > 247) {
            throw new IllegalArgumentException("Modbus slave address " + slave + " outside 1-247");
        }
    }

    private static byte hi(int v) {
        return (byte) ((v >> 8) & 0xFF);
    }

    private static byte lo(int v) {
        return (byte) (v & 0xFF);
    }
}
