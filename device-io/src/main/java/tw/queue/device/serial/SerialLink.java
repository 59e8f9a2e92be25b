package tw.queue.device.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tw.queue.config.DeviceDef;

/**
 * A byte pipe to a printer or display: a serial port (a real one, or a socat pty) or, for {@code --simulate}
 * without a device, a plain file that only takes bytes. Codecs make the bytes; this only moves them. Calls block.
 */
public interface SerialLink extends AutoCloseable {

    void write(byte[] bytes) throws IOException;

    /** Up to {@code max} bytes, waiting at most {@code timeoutMillis} in all; fewer (or none) if that is all that came. */
    byte[] read(int max, long timeoutMillis) throws IOException;

    /** Drops whatever the device sent that nobody read (a late answer to an earlier question). */
    void discardInput() throws IOException;

    /** False for a file: there is no device to answer. */
    boolean canRead();

    String describe();

    @Override
    void close();

    /**
     * Opens {@code line}: a regular file is written to; anything else (a tty, a pty or its symlink) is opened as
     * a serial port. A path that does not exist is a {@link NoSuchPortException}.
     */
    static SerialLink open(DeviceDef.SerialPortDef line) throws IOException {
        Path path = Path.of(line.port());
        if (!Files.exists(path)) {
            throw new NoSuchPortException(line.port());
        }
        if (Files.isRegularFile(path)) {
            return new FileLink(path);
        }
        return new JSerialLink(line);
    }

    /** The configured (or --serial) port is not there. */
    final class NoSuchPortException extends IOException {
        public NoSuchPortException(String port) {
            super(port);
        }

        public String port() {
            return getMessage();
        }
    }
}
