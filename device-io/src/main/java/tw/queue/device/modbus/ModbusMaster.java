package tw.queue.device.modbus;

import java.io.IOException;
import tw.queue.device.serial.SerialLink;

/**
 * Sends Modbus RTU requests on a serial line and reads each reply, one request at a time (RS-485 is half
 * duplex). A slave that does not answer within the timeout is reported, never fatal.
 */
public final class ModbusMaster {
    private final SerialLink link;
    private final long timeoutMillis;

    public ModbusMaster(SerialLink link, long timeoutMillis) {
        this.link = link;
        this.timeoutMillis = timeoutMillis;
    }

    /** The outcome of one request: the reply's verdict, or NO_ANSWER. */
    public enum Outcome { OK, NO_ANSWER, EXCEPTION, BAD_REPLY }

    public synchronized Outcome send(byte[] request) {
        try {
            link.discardInput();
            link.write(request);
            if (!link.canRead()) {
                return Outcome.OK; // a file: nobody to answer, nothing to report
            }
            byte[] reply = link.read(ModbusRtu.replyLength(request), timeoutMillis);
            if (reply.length == 0) {
                return Outcome.NO_ANSWER;
            }
            if (reply.length >= 2 && (reply[1] & 0x80) != 0 && reply.length < 5) {
                byte[] more = link.read(5 - reply.length, timeoutMillis);
                reply = concat(reply, more);
            }
            return switch (ModbusRtu.check(request, reply)) {
                case OK -> Outcome.OK;
                case EXCEPTION -> Outcome.EXCEPTION;
                case INCOMPLETE -> Outcome.NO_ANSWER;
                default -> Outcome.BAD_REPLY;
            };
        } catch (IOException e) {
            return Outcome.NO_ANSWER;
        }
    }

    /** Sends each frame in turn; the first that fails decides. */
    public Outcome sendAll(byte[][] frames) {
        for (byte[] f : frames) {
            Outcome o = send(f);
            if (o != Outcome.OK) {
                return o;
            }
        }
        return Outcome.OK;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
