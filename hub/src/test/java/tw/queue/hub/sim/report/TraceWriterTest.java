package tw.queue.hub.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {

    private static final TicketRecord SERVED = new TicketRecord(7, "A012", "A", "elderly",
            125.04, 730.0, 1100.56, "served", 4, 3, 540.0, 480.0, 604.96);
    private static final TicketRecord ABANDONED = new TicketRecord(7, "B003", "B", "none",
            12.34, null, null, "cancelled", 9, 2, null, 300.0, null);

    @Test
    void headerAndRows() throws Exception {
        StringWriter out = new StringWriter();
        TraceWriter.write(out, List.of(new SeedResult(7, List.of(SERVED, ABANDONED), List.of())));
        String[] lines = out.toString().split("\n", -1);
        assertThat(lines[0]).isEqualTo("seed,id,service,priority,issued,called,finished,outcome,"
                + "aheadAtIssue,openCountersAtIssue,estimateAtIssue,actualWait,naiveEstimateAtIssue");
        assertThat(lines[1]).isEqualTo("7,A012,A,elderly,125,730,1100.6,served,4,3,540,605,480");
        assertThat(lines[2]).isEqualTo("7,B003,B,none,12.3,,,cancelled,9,2,,,300");
        assertThat(lines).hasSize(4); // ends with a newline
        assertThat(lines[3]).isEmpty();
    }

    @Test
    void rowWithNullsHasThirteenFields() {
        String row = TraceWriter.row(ABANDONED);
        assertThat(row.split(",", -1)).hasSize(13);
        assertThat(row).endsWith(",cancelled,9,2,,,300");
    }

    @Test
    void escapesCommasAndQuotes() {
        TicketRecord odd = new TicketRecord(1, "A,1", "say \"hi\"", null, 0, null, null, "not-served",
                0, 1, null, null, null);
        assertThat(TraceWriter.row(odd)).isEqualTo("1,\"A,1\",\"say \"\"hi\"\"\",,0,,,not-served,0,1,,,");
        TicketRecord twoLines = new TicketRecord(1, "plain", "two\nlines", "none", 0, null, null, "served",
                0, 1, null, null, null);
        assertThat(TraceWriter.row(twoLines)).startsWith("1,plain,\"two\nlines\",none,");
    }

    @Test
    void secondsHaveAtMostOneDecimal() {
        assertThat(TraceWriter.seconds(0.0)).isEqualTo("0");
        assertThat(TraceWriter.seconds(59.96)).isEqualTo("60");
        assertThat(TraceWriter.seconds(3.14159)).isEqualTo("3.1");
        assertThat(TraceWriter.seconds(-0.5)).isEqualTo("-0.5");
        assertThat(TraceWriter.seconds(-0.04)).isEqualTo("0");
        assertThat(TraceWriter.seconds(null)).isEmpty();
        assertThat(TraceWriter.seconds(Double.NaN)).isEmpty();
    }

    @Test
    void writesFileAndStreams(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/trace.csv");
        TraceWriter.write(file, List.of(
                new SeedResult(1, List.of(SERVED), List.of()),
                new SeedResult(2, List.of(ABANDONED, SERVED), List.of())));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(TraceWriter.HEADER);
        assertThat(lines.get(2)).startsWith("7,B003,");

        Path streamed = dir.resolve("streamed.csv");
        try (TraceWriter w = TraceWriter.open(streamed)) {
            w.write(SERVED);
        }
        assertThat(Files.readAllLines(streamed)).containsExactly(TraceWriter.HEADER, TraceWriter.row(SERVED));
    }
}
