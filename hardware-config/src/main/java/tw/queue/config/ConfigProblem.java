package tw.queue.config;

/**
 * One thing wrong with an office configuration.
 *
 * @param source where the text came from (a file path or resource name)
 * @param line 1-based line of the offending YAML node; 0 when the problem concerns the whole source (e.g. unreadable file)
 * @param message installer-facing text, in the locale the loader was asked for
 */
public record ConfigProblem(String source, int line, String message) {

    /** {@code source:line: message}, or {@code source: message} when there is no line. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
    }
}
