package tw.queue.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document passes Redocly CLI's recommended rules (tools/openapi-lint pins the version; the first
 * run installs it there with {@code npm ci}). Skipped, saying so, where no Node.js is installed.
 */
class OpenApiLintTest {
    private static final Path TOOL = Path.of("..", "tools", "openapi-lint").toAbsolutePath().normalize();
    private static final Path DOCUMENT = Path.of("src", "main", "resources", "openapi.yaml").toAbsolutePath();

    @Test
    void theContractHasNoLintErrorOrWarning() throws Exception {
        assumeTrue(runs(List.of("npm", "--version"), TOOL).exit == 0, "npm is not installed: OpenAPI lint skipped");
        Path redocly = TOOL.resolve("node_modules/.bin/redocly");
        if (!Files.isExecutable(redocly)) {
            Run install = runs(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), TOOL);
            assertThat(install.exit).as("npm ci in %s:%n%s", TOOL, install.output).isZero();
        }
        Run lint = runs(List.of(redocly.toString(), "lint", "--config", "redocly.yaml", "--max-problems", "50",
                "--format", "stylish", DOCUMENT.toString()), TOOL);
        assertThat(lint.exit).as("redocly lint:%n%s", lint.output).isZero();
        assertThat(lint.output).as("redocly lint:%n%s", lint.output).contains("Your API description is valid")
                .doesNotContainPattern("You have \\d+ warning");
    }

    private record Run(int exit, String output) {
    }

    private static Run runs(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return new Run(-1, notInstalled.getMessage());
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Run(-2, out + "\n(timed out)");
        }
        return new Run(p.exitValue(), out);
    }
}
