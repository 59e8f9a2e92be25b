package tw.queue.device.serial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bytes appended to a file (the --simulate output when there is no device); nothing ever answers. */
final class FileLink implements SerialLink {
    private final Path file;

    FileLink(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
    }

    @Override
    public byte[] read(int max, long timeoutMillis) {
        return new byte[0];
    }

    @Override
    public void discardInput() {
    }

    @Override
    public boolean canRead() {
        return false;
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public void close() {
    }
}
