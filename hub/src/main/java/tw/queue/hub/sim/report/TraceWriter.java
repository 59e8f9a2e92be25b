package tw.queue.hub.sim.report;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
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
 * Writes the per-ticket trace as CSV (jackson-dataformat-csv): the header {@link #HEADER}, then one row per
 * {@link TicketRecord}. Times are seconds with at most one decimal ("12", "12.3"); a null is an empty field;
 * a field containing a comma, a double quote, CR or LF is quoted RFC 4180 style (quotes doubled). Lines end
 * with "\n".
 *
 * <p>Use either the static {@link #write(Writer, List)} / {@link #write(Path, List)}, or an instance to
 * stream seed by seed: the constructor writes the header, {@link #write(TicketRecord)} a row.
 */
public final class TraceWriter implements Closeable, Flushable {

    /** The header line (without line end). */
    public static final String HEADER = "seed,id,service,priority,issued,called,finished,outcome,"
            + "aheadAtIssue,openCountersAtIssue,estimateAtIssue,actualWait,naiveEstimateAtIssue";

    /** Rows of text fields; quoted only where RFC 4180 needs it. */
    private static final ObjectWriter ROWS = new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .writerFor(String[].class).with(CsvSchema.emptySchema().withLineSeparator("\n"));

    private final SequenceWriter rows;

    /** Starts a trace on {@code out} and writes the header. {@link #close()} closes {@code out}. */
    public TraceWriter(Writer out) throws IOException {
        this.rows = ROWS.writeValues(Objects.requireNonNull(out, "out"));
        rows.write(HEADER.split(","));
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
        rows.write(fields(t));
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
        rows.flush();
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }

    /** The CSV row of one ticket, without line end. */
    public static String row(TicketRecord t) {
        try {
            return ROWS.writeValueAsString(fields(t)).stripTrailing();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] fields(TicketRecord t) {
        return new String[] {String.valueOf(t.seed()), text(t.id()), text(t.service()), text(t.priority()),
            seconds(t.issued()), seconds(t.called()), seconds(t.finished()), text(t.outcome()),
            String.valueOf(t.aheadAtIssue()),
            String.valueOf(t.openCountersAtIssue()), seconds(t.estimateAtIssue()), seconds(t.actualWait()),
            seconds(t.naiveEstimateAtIssue())};
    }

    /** A null text is an empty field (the CSV writer would leave a null out of an array row altogether). */
    private static String text(String s) {
        return s == null ? "" : s;
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
