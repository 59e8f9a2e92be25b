package tw.queue.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A demo hub running as a separate OS process, either {@code java -cp <test classpath> tw.queue.hub.HubMain --demo}
 * (the hub's own tests) or {@code java -jar hub/target/hub.jar --demo} (the agents' and system tests), listening
 * on loopback, with its output appended to a log file. Used by the durability tests (which kill it with SIGKILL),
 * the load benchmark (so the hub's JVM is not the load generator's) and the device agents' tests (which kill
 * and restart it on the same port and data).
 *
 * <p>The classpath is taken from the first of these that holds the hub's main class: Surefire's
 * {@code surefire.test.class.path} (set in the forked test JVM, whose {@code java.class.path} may be only a
 * manifest-only booter jar), the URLs of the context class loader chain (what {@code exec:java} gives: there
 * {@code java.class.path} is Maven's own launcher), and finally {@code java.class.path}.
 */
public final class HubProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://([^\\s:/]+):(\\d+)");
    /** The hub's main class, named here so this module does not depend on the hub. */
    public static final String HUB_MAIN = "tw.queue.hub.HubMain";

    private final Process process;
    private final Path logFile;
    private final int port;
    private final Thread reaper;

    private HubProcess(Process process, Path logFile, int port, Thread reaper) {
        this.process = process;
        this.logFile = logFile;
        this.port = port;
        this.reaper = reaper;
    }

    /**
     * Starts a demo hub on {@code dataDir}, bound to 127.0.0.1 on a port the OS picks, and waits until it
     * prints that it is listening and {@code GET /health} answers 200.
     */
    public static HubProcess start(Path dataDir, Path logFile, List<String> jvmArgs, Duration timeout)
            throws IOException, InterruptedException {
        return start(classPath(), dataDir, logFile, jvmArgs, timeout);
    }

    /** As {@link #start(Path, Path, List, Duration)}, with the given classpath (see {@link #snapshotClassPath}). */
    public static HubProcess start(String classPath, Path dataDir, Path logFile, List<String> jvmArgs,
                                   Duration timeout) throws IOException, InterruptedException {
        List<String> launch = new ArrayList<>(jvmArgs);
        launch.addAll(List.of("-cp", classPath, HUB_MAIN));
        return launch(launch, dataDir, logFile, 0, timeout);
    }

    /** As {@link #start(String, Path, Path, List, Duration)}, on a given port (0: the OS picks), e.g. the port it had before a kill. */
    public static HubProcess start(String classPath, Path dataDir, Path logFile, List<String> jvmArgs, int port,
                                   Duration timeout) throws IOException, InterruptedException {
        List<String> launch = new ArrayList<>(jvmArgs);
        launch.addAll(List.of("-cp", classPath, HUB_MAIN));
        return launch(launch, dataDir, logFile, port, timeout);
    }

    /**
     * {@code java -jar <hubJar> --demo --host 127.0.0.1 --port <port> --data <dataDir>}; port 0 lets the OS pick.
     * Restarting on the same port and data is how the agents' tests bring a killed hub back.
     */
    public static HubProcess startJar(Path hubJar, Path dataDir, Path logFile, int port, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(hubJar)) {
            throw new IllegalStateException(hubJar + " is missing: build the hub first (mvn -pl hub -am package)");
        }
        return launch(List.of("-jar", hubJar.toString()), dataDir, logFile, port, timeout);
    }

    /** hub/target/hub.jar of this build, found from the working directory (a module directory or the root). */
    public static Path hubJar() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve("hub/target/hub.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("no hub/target/hub.jar above " + Paths.get("").toAbsolutePath());
    }

    private static HubProcess launch(List<String> launch, Path dataDir, Path logFile, int port, Duration timeout)
            throws IOException, InterruptedException {
        return launch(launch, List.of("--demo", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--data", dataDir.toString()), logFile, timeout);
    }

    /**
     * {@code java <jvmArgs> -cp <classPath> tw.queue.hub.HubMain <args>}, with the arguments as given (an office
     * with {@code --cluster}, or {@code city --cluster FILE}), waiting until it says it is listening and
     * {@code GET /health} answers 200.
     */
    public static HubProcess startMain(String classPath, List<String> jvmArgs, List<String> args, Path logFile,
                                       Duration timeout) throws IOException, InterruptedException {
        List<String> launch = new ArrayList<>(jvmArgs);
        launch.addAll(List.of("-cp", classPath, HUB_MAIN));
        return launch(launch, args, logFile, timeout);
    }

    private static HubProcess launch(List<String> launch, List<String> args, Path logFile, Duration timeout)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(launch);
        cmd.addAll(args);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
        Files.writeString(logFile, "\n===== starting hub: " + String.join(" ", shorten(cmd)) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        // Should this JVM die first (a test timeout, Ctrl-C), take the child along.
        Thread reaper = new Thread(p::destroyForcibly, "hub-reaper-" + p.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            int boundPort = waitForPort(p, logFile, offset, deadline);
            HubProcess hub = new HubProcess(p, logFile, boundPort, reaper);
            hub.waitForHealth(deadline);
            return hub;
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            removeHook(reaper);
            throw e;
        }
    }

    private static int waitForPort(Process p, Path logFile, long offset, long deadline)
            throws IOException, InterruptedException {
        while (System.nanoTime() < deadline) {
            String out = readFrom(logFile, offset);
            Matcher m = LISTENING.matcher(out);
            if (m.find()) {
                return Integer.parseInt(m.group(2));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the hub exited with " + p.exitValue() + " before listening:\n"
                        + tail(out, 3000));
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("the hub did not say it was listening in time:\n"
                + tail(readFrom(logFile, offset), 3000));
    }

    private void waitForHealth(long deadline) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(2)).GET().build();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("GET /health did not answer 200 in time; last: " + last);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Freezes the process (SIGSTOP): it holds its sockets but answers nothing, as a hung or cut-off machine. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a frozen process go on (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * SIGKILL, as a power cut would leave the process (not the disk): {@link Process#destroyForcibly()} sends
     * SIGKILL on Linux. Returns the exit code, 137 (128 + 9) when the signal did it.
     */
    public int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the hub (pid " + pid() + ") did not die from SIGKILL");
        }
        removeHook(reaper);
        return process.exitValue();
    }

    /** A graceful stop (SIGTERM), then SIGKILL if it takes too long. Safe to call more than once. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            removeHook(reaper);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // already shutting down, or already removed
        }
    }

    /** The whole log file, for a failure message. */
    public static String readLog(Path logFile) {
        try {
            return Files.exists(logFile) ? readFrom(logFile, 0) : "(no log file " + logFile + ")";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    private static String readFrom(Path file, long offset) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.min(offset, Files.size(file)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max);
    }

    /** The {@code java} of the running JVM. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(c -> Files.isExecutable(Paths.get(c)))
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A classpath on which the hub's main class and its dependencies can be found (see the class comment). */
    public static String classPath() {
        Path hubClasses;
        try {
            hubClasses = codeSource(Class.forName(HUB_MAIN, false, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(HUB_MAIN + " is not on this classpath; use startJar", e);
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(System.getProperty("surefire.test.class.path"));
        candidates.add(classLoaderPath());
        candidates.add(System.getProperty("java.class.path"));
        for (String cp : candidates) {
            if (cp != null && !cp.isBlank() && contains(cp, hubClasses)) {
                return cp;
            }
        }
        throw new IllegalStateException("no classpath found that holds " + hubClasses + "; tried " + candidates);
    }

    /**
     * {@link #classPath()} with its class directories and snapshot jars copied under {@code into}, so that every
     * start of a test runs the same code even when someone rebuilds {@code target/classes} meanwhile (several
     * people or tools sharing a work tree). Released jars are referenced where they are.
     */
    public static String snapshotClassPath(Path into) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String e : classPath().split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            Path src = Paths.get(e).toAbsolutePath();
            Path dst = into.resolve((i++) + "-" + src.getFileName());
            if (Files.isDirectory(src)) {
                copyTree(src, dst);
                out.add(dst.toString());
            } else if (Files.isRegularFile(src) && src.getFileName().toString().contains("-SNAPSHOT")) {
                Files.createDirectories(into);
                Files.copy(src, dst);
                out.add(dst.toString());
            } else {
                out.add(e);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static void copyTree(Path src, Path dst) throws IOException {
        try (var paths = Files.walk(src)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static boolean contains(String classPath, Path entry) {
        for (String e : classPath.split(File.pathSeparator)) {
            if (!e.isBlank() && Paths.get(e).toAbsolutePath().normalize().equals(entry)) {
                return true;
            }
        }
        return false;
    }

    private static String classLoaderPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = Thread.currentThread().getContextClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        if ("file".equals(url.getProtocol())) {
                            entries.add(Paths.get(url.toURI()).toString());
                        }
                    } catch (URISyntaxException | IllegalArgumentException ignored) {
                        // not a plain file entry
                    }
                }
            }
        }
        return entries.isEmpty() ? null : String.join(File.pathSeparator, entries);
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static List<String> shorten(List<String> cmd) {
        List<String> out = new ArrayList<>(cmd);
        int i = out.indexOf("-cp");
        if (i >= 0 && i + 1 < out.size()) {
            out.set(i + 1, "<" + out.get(i + 1).split(File.pathSeparator).length + " classpath entries>");
        }
        return out;
    }
}
