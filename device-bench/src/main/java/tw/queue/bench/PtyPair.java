package tw.queue.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pair of connected pseudo-terminals made by {@code socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B}: the
 * agent opens {@link #agentEnd()} as its serial port, a test-side device reads and answers on {@link #deviceEnd()}.
 */
public final class PtyPair implements AutoCloseable {
    private final Process socat;
    private final Path agentEnd;
    private final Path deviceEnd;

    private PtyPair(Process socat, Path agentEnd, Path deviceEnd) {
        this.socat = socat;
        this.agentEnd = agentEnd;
        this.deviceEnd = deviceEnd;
    }

    /** Whether socat is on the PATH (scripts/install-browser-deps.sh installs it). */
    public static boolean socatAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    /** Makes {@code dir/<name>-agent} and {@code dir/<name>-device} and waits until both links exist. */
    public static PtyPair create(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path a = dir.resolve(name + "-agent");
        Path d = dir.resolve(name + "-device");
        Process p = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + d))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(a) && Files.exists(d))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("socat did not make the pty pair " + a + " <-> " + d);
            }
            Thread.sleep(10);
        }
        return new PtyPair(p, a, d);
    }

    public Path agentEnd() {
        return agentEnd;
    }

    public Path deviceEnd() {
        return deviceEnd;
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        } catch (InterruptedException e) {
            socat.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Closes a test-side device's ends of its pty; errors while closing are of no interest. */
    static void closeQuietly(java.io.Closeable... ends) {
        for (java.io.Closeable end : ends) {
            try {
                end.close();
            } catch (java.io.IOException ignored) {
                // closing
            }
        }
    }
}
