package tw.queue.displayboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A pty pair from {@code socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B}: the agent opens {@link #agentEnd()}
 * with jSerialComm, the test-side sign reads {@link #signEnd()}. CI installs socat (scripts/); without it the
 * test fails and says so.
 */
final class SocatPair implements AutoCloseable {
    private Process socat;
    private final Path dir;
    private Thread reader;
    private volatile InputStream signIn;

    SocatPair() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("board-pty");
        startSocat();
    }

    /** The cable pulled: socat ends and both ptys go away. */
    void cut() throws InterruptedException {
        socat.destroy();
        socat.waitFor();
    }

    /** A new pair at the same paths (the cable plugged back in); listen again for the sign's side. */
    void reconnect() throws IOException, InterruptedException {
        Files.deleteIfExists(agentEnd());
        Files.deleteIfExists(signEnd());
        startSocat();
    }

    private void startSocat() throws IOException, InterruptedException {
        try {
            socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + agentEnd(), "pty,raw,echo=0,link=" + signEnd())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("socat is needed for the serial tests: apt-get install socat", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!(Files.exists(agentEnd()) && Files.exists(signEnd()))) {
            if (Instant.now().isAfter(deadline) || !socat.isAlive()) {
                throw new IOException("socat made no pty pair: " + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(20);
        }
    }

    Path agentEnd() {
        return dir.resolve("agent");
    }

    Path signEnd() {
        return dir.resolve("sign");
    }

    /** Reads the sign's end on a thread of its own, handing each chunk to {@code sink}. */
    void listen(AlphaSignDecoder decoder, Consumer<Throwable> onError) throws IOException {
        signIn = Files.newInputStream(signEnd());
        reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = signIn.read(buf)) > 0) {
                    decoder.feed(buf, n);
                }
            } catch (IOException closed) {
                // the pair went away at the end of the test
            } catch (Throwable t) {
                onError.accept(t);
            }
        }, "test-sign");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void close() throws IOException {
        socat.destroy();
        if (signIn != null) {
            signIn.close();
        }
    }
}
