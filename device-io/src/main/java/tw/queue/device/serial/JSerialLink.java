package tw.queue.device.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import tw.queue.config.DeviceDef;

/**
 * A serial port through jSerialComm, opened by path (ptys are not listed by {@code getCommPorts()}). On a pty
 * baud rate and parity mean nothing; on a USB adapter they are set from the config. A failed write or read
 * closes the port, and the next call opens it again (a replugged adapter comes back by itself).
 */
final class JSerialLink implements SerialLink {
    private final DeviceDef.SerialPortDef line;
    private SerialPort port;

    JSerialLink(DeviceDef.SerialPortDef line) throws IOException {
        this.line = line;
        ensureOpen();
    }

    private synchronized SerialPort ensureOpen() throws IOException {
        if (port != null && port.isOpen()) {
            return port;
        }
        SerialPort p = SerialPort.getCommPort(line.port());
        int parity = switch (line.parity()) {
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case NONE -> SerialPort.NO_PARITY;
        };
        p.setComPortParameters(line.baud(), line.dataBits(),
                line.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, parity);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + line.port() + " (error " + p.getLastErrorCode() + ")");
        }
        port = p;
        return p;
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        SerialPort p = ensureOpen();
        int done = 0;
        while (done < bytes.length) {
            int n = p.writeBytes(bytes, bytes.length - done, done);
            if (n <= 0) {
                drop();
                throw new IOException("write to " + line.port() + " failed");
            }
            done += n;
        }
    }

    @Override
    public synchronized byte[] read(int max, long timeoutMillis) throws IOException {
        SerialPort p = ensureOpen();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        byte[] buf = new byte[Math.max(1, max)];
        while (got.size() < max) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, (int) Math.max(1, left), 0);
            int n = p.readBytes(buf, max - got.size());
            if (n < 0) {
                drop();
                throw new IOException("read from " + line.port() + " failed");
            }
            got.write(buf, 0, n);
        }
        return got.toByteArray();
    }

    @Override
    public synchronized void discardInput() throws IOException {
        SerialPort p = ensureOpen();
        int n;
        byte[] buf = new byte[256];
        while ((n = p.bytesAvailable()) > 0) {
            p.readBytes(buf, Math.min(n, buf.length));
        }
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public String describe() {
        return "serial " + line.port() + " " + line.baud() + " " + line.dataBits()
                + line.parity().name().charAt(0) + line.stopBits();
    }

    private void drop() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
