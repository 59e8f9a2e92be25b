package tw.queue.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tw.queue.testsupport.HubProcess;

/** A device agent's jar run as its own process with --simulate: lines written to it press its buttons. */
final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.log = log;
    }

    /** {@code java -jar <module>/target/<module>.jar --demo --simulate --hub HUB --serial PTY}. */
    static AgentProcess start(String module, String hub, Path serial, Path log) throws IOException {
        Path jar = findJar(module);
        List<String> cmd = new ArrayList<>(List.of(HubProcess.javaBinary(), "-jar", jar.toString(),
                "--demo", "--simulate", "--hub", hub, "--serial", serial.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Thread reaper = new Thread(p::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(reaper);
        return new AgentProcess(p, log);
    }

    static Path findJar(String module) {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(module + "/target/" + module + ".jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("no " + module + "/target/" + module + ".jar: build it first (mvn package)");
    }

    /** One line on standard input: one button press. */
    void press(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        return HubProcess.readLog(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
