package tw.queue.hub.sim.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import tw.queue.domain.TicketStatus;

/**
 * Figures pooled over every ticket of every seed in a trace the simulator wrote ({@link TraceWriter}): what
 * a citizen of a service or priority class met over the 30 days, the worst days included (the per-seed
 * means of {@link SimStatistics} average the tail away). Percentiles by {@link SimStatistics#percentile}.
 */
public final class PooledTrace {

    /** One row of the trace, as read back. */
    public record Row(int seed, String service, String priority, String outcome, Double estimate, Double naive,
                      Double actual) {
    }

    /**
     * Pooled figures of one group of tickets; waits and errors in minutes.
     *
     * @param bias mean of estimate − actual over tickets with both; {@code naiveBias} the same for the naive rule
     * @param tooLow share of estimates more than 5 minutes below the actual wait
     */
    public record Group(int tickets, int called, double mean, double p95, double max, double within15,
                        double abandonment, int estimates, double bias, double rmse, double naiveRmse,
                        double tooLow, double naiveTooLow) {
    }

    private final List<Row> rows;

    private PooledTrace(List<Row> rows) {
        this.rows = rows;
    }

    public static PooledTrace read(Path trace) throws IOException {
        CsvMapper mapper = new CsvMapper();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(trace.toFile())) {
            while (it.hasNext()) {
                Map<String, String> r = it.next();
                rows.add(new Row(Integer.parseInt(r.get("seed")), r.get("service"), r.get("priority"),
                        r.get("outcome"), number(r.get("estimateAtIssue")), number(r.get("naiveEstimateAtIssue")),
                        number(r.get("actualWait"))));
            }
        }
        return new PooledTrace(rows);
    }

    private static Double number(String s) {
        return s == null || s.isEmpty() ? null : Double.valueOf(s);
    }

    public List<Row> rows() {
        return rows;
    }

    /** Every service (by id) and priority class ({@code priority:<class>}), then {@code overall}. */
    public Map<String, Group> groups() {
        Map<String, Group> out = new LinkedHashMap<>();
        TreeMap<String, Predicate<Row>> by = new TreeMap<>();
        for (Row r : rows) {
            by.putIfAbsent(r.service(), x -> x.service().equals(r.service()));
            by.putIfAbsent(SimStatistics.PRIORITY_PREFIX + r.priority(), x -> x.priority().equals(r.priority()));
        }
        by.forEach((k, p) -> out.put(k, group(p)));
        out.put(SimStatistics.OVERALL, group(r -> true));
        return out;
    }

    public Group group(Predicate<Row> member) {
        List<Double> waits = new ArrayList<>();
        int tickets = 0;
        int left = 0;
        int n = 0;
        double err = 0;
        double sq = 0;
        double naiveSq = 0;
        int naiveN = 0;
        int low = 0;
        int naiveLow = 0;
        for (Row r : rows) {
            if (!member.test(r)) {
                continue;
            }
            tickets++;
            if (TicketStatus.CANCELLED.wire().equals(r.outcome())) {
                left++;
            }
            if (r.actual() == null) {
                continue;
            }
            waits.add(r.actual() / 60);
            if (r.estimate() != null) {
                double e = (r.estimate() - r.actual()) / 60;
                n++;
                err += e;
                sq += e * e;
                if (r.actual() - r.estimate() > SimStatistics.TOO_LOW_SECONDS) {
                    low++;
                }
            }
            if (r.naive() != null) {
                double e = (r.naive() - r.actual()) / 60;
                naiveN++;
                naiveSq += e * e;
                if (r.actual() - r.naive() > SimStatistics.TOO_LOW_SECONDS) {
                    naiveLow++;
                }
            }
        }
        double[] w = waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = Arrays.stream(w).average().orElse(Double.NaN);
        double within15 = w.length == 0 ? Double.NaN : Arrays.stream(w).filter(x -> x <= 15).count() / (double) w.length;
        return new Group(tickets, w.length, mean,
                w.length == 0 ? Double.NaN : SimStatistics.percentile(w, 0.95),
                w.length == 0 ? Double.NaN : w[w.length - 1], within15,
                tickets == 0 ? Double.NaN : left / (double) tickets, n,
                n == 0 ? Double.NaN : err / n, n == 0 ? Double.NaN : Math.sqrt(sq / n),
                naiveN == 0 ? Double.NaN : Math.sqrt(naiveSq / naiveN),
                n == 0 ? Double.NaN : low / (double) n, naiveN == 0 ? Double.NaN : naiveLow / (double) naiveN);
    }
}
