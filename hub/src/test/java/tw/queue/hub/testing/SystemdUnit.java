package tw.queue.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The systemd units under {@code deploy/} (the one place the JVM flags of the hub and the agents are written):
 * their text, and the flags of their {@code ExecStart} java command. The READMEs show the same units
 * ({@code SystemdUnitsTest}); the benchmark runs the hub with the hub unit's flags.
 */
public final class SystemdUnit {
    private SystemdUnit() {
    }

    /** The repository's root: the first directory up from the working directory that holds {@code deploy/}. */
    public static Path root() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/queue-hub.service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/queue-hub.service above " + Paths.get("").toAbsolutePath());
    }

    /** The text of {@code deploy/NAME}. */
    public static String text(String name) {
        try {
            return Files.readString(root().resolve("deploy").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM flags of the unit's ExecStart: what stands between {@code java} and {@code -jar}. */
    public static List<String> javaFlags(String name) {
        String exec = null;
        String joined = text(name).replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            if (line.startsWith("ExecStart=")) {
                exec = line.substring("ExecStart=".length()).trim();
            }
        }
        if (exec == null) {
            throw new IllegalStateException(name + " has no ExecStart");
        }
        List<String> words = new ArrayList<>(Arrays.asList(exec.split("\\s+")));
        int jar = words.indexOf("-jar");
        if (!words.get(0).endsWith("/java") || jar < 0) {
            throw new IllegalStateException(name + ": ExecStart is not java ... -jar: " + exec);
        }
        return List.copyOf(words.subList(1, jar));
    }
}
