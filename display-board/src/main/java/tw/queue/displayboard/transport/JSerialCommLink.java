package tw.queue.displayboard.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;

/** A serial port (or a pty, opened by path) through jSerialComm; Alpha signs default to 9600 7E1. */
public final class JSerialCommLink implements SerialLink {
    public enum Parity { NONE, EVEN, ODD }

    private final SerialPort port;

    private JSerialCommLink(SerialPort port) {
        this.port = port;
    }

    public static JSerialCommLink open(String path, int baud, int dataBits, Parity parity, int stopBits)
            throws IOException {
        SerialPort port = SerialPort.getCommPort(path);
        int p = switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
        port.setComPortParameters(baud, dataBits, stopBits == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, p);
        port.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 2000);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + path);
        }
        return new JSerialCommLink(port);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int done = 0;
        while (done < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - done, done);
            if (n <= 0) {
                throw new IOException("serial port " + port.getSystemPortPath() + " not writable");
            }
            done += n;
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
