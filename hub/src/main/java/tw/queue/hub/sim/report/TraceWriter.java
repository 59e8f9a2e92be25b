package tw.queue.hub.sim.report;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes the per-ticket trace as CSV: the header {@link #HEADER}, then one row per {@link TicketRecord}.
 * Times are seconds with at most one decimal ("12", "12.3"); a null is an empty field; a field containing
 * a comma, a double quote, CR or LF is quoted RFC 4180 style (quotes doubled). Lines end with "\n".
 *
 * <p>Use either the static {@link #write(Writer, List)} / {@link #write(Path, List)}, or an instance to
 * stream seed by seed: the constructor writes the header, {@link #write(TicketRecord)} a row.
 */
public final class TraceWriter implements Closeable, Flushable {

    /** The header line (without line end). */
    public static final String HEADER = "seed,id,service,priority,issued,called,finished,outcome,"
            + "aheadAtIssue,openCountersAtIssue,estimateAtIssue,actualWait";

    private final Writer out;

    /** Starts a trace on {@code out} and writes the header. {@link #close()} closes {@code out}. */
    public TraceWriter(Writer out) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        out.write(HEADER);
        out.write('\n');
    }

    /** Starts a trace in a UTF-8 file (parent directories are created; an existing file is replaced). */
    public static TraceWriter open(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new TraceWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    }

    /** Writes all tickets of all seeds, in order, to {@code out} (header first); does not close it. */
    public static void write(Writer out, List<SeedResult> results) throws IOException {
        TraceWriter w = new TraceWriter(out);
        for (SeedResult r : results) {
            w.write(r);
        }
        w.flush();
    }

    /** Writes all tickets of all seeds to a UTF-8 file. */
    public static void write(Path path, List<SeedResult> results) throws IOException {
        try (TraceWriter w = open(path)) {
            for (SeedResult r : results) {
                w.write(r);
            }
        }
    }

    /** Writes one row. */
    public void write(TicketRecord t) throws IOException {
        out.write(row(t));
        out.write('\n');
    }

    /** Writes one row per ticket of the seed. */
    public void write(SeedResult r) throws IOException {
        if (r.tickets() != null) {
            for (TicketRecord t : r.tickets()) {
                write(t);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** The CSV row of one ticket, without line end. */
    public static String row(TicketRecord t) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(t.seed()).append(',')
                .append(field(t.id())).append(',')
                .append(field(t.service())).append(',')
                .append(field(t.priority())).append(',')
                .append(seconds(t.issued())).append(',')
                .append(seconds(t.called())).append(',')
                .append(seconds(t.finished())).append(',')
                .append(field(t.outcome())).append(',')
                .append(t.aheadAtIssue()).append(',')
                .append(t.openCountersAtIssue()).append(',')
                .append(seconds(t.estimateAtIssue())).append(',')
                .append(seconds(t.actualWait()));
        return sb.toString();
    }

    /** A text field: empty for null, quoted (quotes doubled) if it holds a comma, quote, CR or LF. */
    public static String field(String s) {
        if (s == null) {
            return "";
        }
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** Seconds rounded to one decimal, without a trailing ".0"; empty for null or a non-finite value. */
    public static String seconds(Double s) {
        if (s == null || s.isNaN() || s.isInfinite()) {
            return "";
        }
        long tenths = Math.round(s * 10);
        long abs = Math.abs(tenths);
        String sign = tenths < 0 ? "-" : "";
        long frac = abs % 10;
        return frac == 0 ? sign + abs / 10 : sign + abs / 10 + "." + frac;
    }
}
