package tw.queue.displayboard.transport;

import java.io.IOException;

/** A byte sink towards a board: a serial port, a pty, a file. Writes block. */
public interface SerialLink extends AutoCloseable {
    void write(byte[] bytes) throws IOException;

    @Override
    void close();
}
