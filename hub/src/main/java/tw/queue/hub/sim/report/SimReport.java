package tw.queue.hub.sim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders {@link SimSummary}s: a fixed-width text report, JSON, and side-by-side comparisons of two runs
 * (as text or as a Markdown table). Values are "mean ±half-width" of the 95% confidence interval over
 * seeds; the "±" part is left out when there is only one seed, and "-" stands for no value. Waits and
 * estimator errors are in minutes, shares in percent (their differences in percentage points).
 */
public final class SimReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SimReport() {}

    private enum Unit {
        COUNT(1, 1), MINUTES(2, 1), PERCENT(1, 100);

        final int decimals;
        final double scale;

        Unit(int decimals, double scale) {
            this.decimals = decimals;
            this.scale = scale;
        }

        String format(double v) {
            return String.format(Locale.ROOT, "%." + decimals + "f", v * scale);
        }

        String signed(double v) {
            return String.format(Locale.ROOT, "%+." + decimals + "f", v * scale);
        }
    }

    /** One metric row of a comparison. */
    private record Line(String label, Unit unit, Function<ClassStats, Metric> get) {}

    private static final List<Line> COMPARE_LINES = List.of(
            new Line("Tickets per day", Unit.COUNT, ClassStats::tickets),
            new Line("Wait mean (min)", Unit.MINUTES, ClassStats::waitMean),
            new Line("Wait p50 (min)", Unit.MINUTES, ClassStats::waitP50),
            new Line("Wait p90 (min)", Unit.MINUTES, ClassStats::waitP90),
            new Line("Wait p95 (min)", Unit.MINUTES, ClassStats::waitP95),
            new Line("Wait max (min)", Unit.MINUTES, ClassStats::waitMax),
            new Line("Had to wait (%)", Unit.PERCENT, ClassStats::probabilityOfWaiting),
            new Line("Called within 10 min (%)", Unit.PERCENT, ClassStats::within10),
            new Line("Called within 15 min (%)", Unit.PERCENT, ClassStats::within15),
            new Line("Called within 20 min (%)", Unit.PERCENT, ClassStats::within20),
            new Line("Abandoned (%)", Unit.PERCENT, ClassStats::abandonment),
            new Line("Counter utilisation (%)", Unit.PERCENT, ClassStats::utilisation),
            new Line("Utilisation SD across counters (%)", Unit.PERCENT, ClassStats::utilisationSpread),
            new Line("Idle while eligible (min/day)", Unit.MINUTES, ClassStats::idleWhileEligibleMinutes),
            new Line("Estimate RMSE (min)", Unit.MINUTES, c -> c.estimator().rmse()),
            new Line("Estimate MAE (min)", Unit.MINUTES, c -> c.estimator().mae()),
            new Line("Estimate bias (min)", Unit.MINUTES, c -> c.estimator().bias()),
            new Line("Estimate >5 min too low (%)", Unit.PERCENT, c -> c.estimator().tooLowShare()));

    private static final List<Line> ESTIMATOR_LINES = List.of(
            new Line("Tickets with an estimate", Unit.COUNT, c -> c.estimator().count()),
            new Line("RMSE (min)", Unit.MINUTES, c -> c.estimator().rmse()),
            new Line("MAE (min)", Unit.MINUTES, c -> c.estimator().mae()),
            new Line("Bias (min)", Unit.MINUTES, c -> c.estimator().bias()),
            new Line(">5 min too low (%)", Unit.PERCENT, c -> c.estimator().tooLowShare()));

    // ------------------------------------------------------------------ text report

    /**
     * The full text report: waits per class, service levels per class, the estimators per class and the
     * counters, as fixed-width tables.
     */
    public static String table(SimSummary s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Run: ").append(s.policy()).append(" - ").append(s.seeds())
                .append(s.seeds() == 1 ? " seed (no confidence intervals)\n\n"
                        : " seeds (mean ±95% CI half-width over seeds)\n\n");

        sb.append("Waits of called tickets (minutes)\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"class", "tickets/day", "mean", "p50", "p90", "p95", "max"});
        for (Map.Entry<String, ClassStats> e : s.byClass().entrySet()) {
            ClassStats c = e.getValue();
            rows.add(new String[] {e.getKey(), cell(c.tickets(), Unit.COUNT), cell(c.waitMean(), Unit.MINUTES),
                cell(c.waitP50(), Unit.MINUTES), cell(c.waitP90(), Unit.MINUTES),
                cell(c.waitP95(), Unit.MINUTES), cell(c.waitMax(), Unit.MINUTES)});
        }
        sb.append(grid(rows)).append('\n');

        sb.append("Service level (%; waits among called tickets, abandonment among all)\n");
        rows = new ArrayList<>();
        rows.add(new String[] {"class", "called/day", "waited", "<=10 min", "<=15 min", "<=20 min", "abandoned"});
        for (Map.Entry<String, ClassStats> e : s.byClass().entrySet()) {
            ClassStats c = e.getValue();
            rows.add(new String[] {e.getKey(), cell(c.called(), Unit.COUNT),
                cell(c.probabilityOfWaiting(), Unit.PERCENT), cell(c.within10(), Unit.PERCENT),
                cell(c.within15(), Unit.PERCENT), cell(c.within20(), Unit.PERCENT),
                cell(c.abandonment(), Unit.PERCENT)});
        }
        sb.append(grid(rows)).append('\n');

        sb.append("Wait estimates at issue (minutes; error = estimate - actual;"
                + " too low = actual exceeds estimate by > 5 min)\n");
        rows = new ArrayList<>();
        rows.add(new String[] {"class", "estimator", "n/day", "bias", "MAE", "RMSE", "too low %"});
        for (Map.Entry<String, ClassStats> e : s.byClass().entrySet()) {
            rows.add(estimatorRow(e.getKey(), "estimate", e.getValue().estimator()));
            rows.add(estimatorRow(e.getKey(), "naive", e.getValue().naive()));
        }
        sb.append(grid(rows)).append('\n');

        sb.append("Counters (overall)\n");
        rows = new ArrayList<>();
        rows.add(new String[] {"utilisation %", "SD across counters %", "idle while eligible min/day"});
        ClassStats o = s.overall();
        if (o != null) {
            rows.add(new String[] {cell(o.utilisation(), Unit.PERCENT), cell(o.utilisationSpread(), Unit.PERCENT),
                cell(o.idleWhileEligibleMinutes(), Unit.MINUTES)});
        }
        sb.append(grid(rows));
        return sb.toString();
    }

    private static String[] estimatorRow(String cls, String name, EstimatorStats e) {
        return new String[] {cls, name, cell(e.count(), Unit.COUNT), cell(e.bias(), Unit.MINUTES),
            cell(e.mae(), Unit.MINUTES), cell(e.rmse(), Unit.MINUTES), cell(e.tooLowShare(), Unit.PERCENT)};
    }

    // ------------------------------------------------------------------ comparisons

    /** Side-by-side text table of the main "overall" metrics of two runs, labelled by their policies. */
    public static String compare(SimSummary a, SimSummary b) {
        return compare(a, b, SimStatistics.OVERALL);
    }

    /** Side-by-side text table of the main metrics of one class in two runs. */
    public static String compare(SimSummary a, SimSummary b, String className) {
        String[] labels = labels(a, b);
        return compare(labels[0], a, labels[1], b, className);
    }

    /** Side-by-side text table with explicit column labels; the last column is label A minus label B. */
    public static String compare(String labelA, SimSummary a, String labelB, SimSummary b, String className) {
        return "Comparison (" + className + "): " + labelA + " (" + seeds(a) + ") vs " + labelB + " ("
                + seeds(b) + "); mean ±95% CI half-width; difference of means in the last column\n"
                + grid(compareRows(labelA, stats(a, className), labelB, stats(b, className), COMPARE_LINES, false));
    }

    /** The same comparison as {@link #compare(SimSummary, SimSummary)}, as a Markdown table. */
    public static String markdownCompare(SimSummary a, SimSummary b) {
        return markdownCompare(a, b, SimStatistics.OVERALL);
    }

    /** The same comparison as {@link #compare(SimSummary, SimSummary, String)}, as a Markdown table. */
    public static String markdownCompare(SimSummary a, SimSummary b, String className) {
        String[] labels = labels(a, b);
        return markdownCompare(labels[0], a, labels[1], b, className);
    }

    /** Markdown comparison with explicit column labels; the last column is label A minus label B. */
    public static String markdownCompare(String labelA, SimSummary a, String labelB, SimSummary b,
            String className) {
        return markdown(compareRows(labelA, stats(a, className), labelB, stats(b, className), COMPARE_LINES, true));
    }

    /** Text table of the estimator under test against the naive estimator, one class of one run. */
    public static String compareEstimators(SimSummary s, String className) {
        return "Estimators (" + s.policy() + ", " + className + "): estimate vs naive; mean ±95% CI half-width;"
                + " difference of means in the last column\n"
                + grid(estimatorRows(s, className, false));
    }

    /** {@link #compareEstimators(SimSummary, String)} for "overall". */
    public static String compareEstimators(SimSummary s) {
        return compareEstimators(s, SimStatistics.OVERALL);
    }

    /** {@link #compareEstimators(SimSummary, String)} as a Markdown table. */
    public static String markdownCompareEstimators(SimSummary s, String className) {
        return markdown(estimatorRows(s, className, true));
    }

    /** {@link #markdownCompareEstimators(SimSummary, String)} for "overall". */
    public static String markdownCompareEstimators(SimSummary s) {
        return markdownCompareEstimators(s, SimStatistics.OVERALL);
    }

    private static List<String[]> estimatorRows(SimSummary s, String className, boolean md) {
        ClassStats c = stats(s, className);
        ClassStats asNaive = c == null ? null : withEstimator(c, c.naive());
        return compareRows("estimate", c, "naive", asNaive, ESTIMATOR_LINES, md);
    }

    private static ClassStats withEstimator(ClassStats c, EstimatorStats e) {
        return new ClassStats(c.tickets(), c.called(), c.waitMean(), c.waitP50(), c.waitP90(), c.waitP95(),
                c.waitMax(), c.probabilityOfWaiting(), c.within10(), c.within15(), c.within20(),
                c.abandonment(), c.utilisation(), c.utilisationSpread(), c.idleWhileEligibleMinutes(), e, e);
    }

    private static List<String[]> compareRows(String labelA, ClassStats a, String labelB, ClassStats b,
            List<Line> lines, boolean md) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"metric", labelA, labelB, labelA + " − " + labelB});
        for (Line l : lines) {
            Metric ma = a == null ? null : l.get().apply(a);
            Metric mb = b == null ? null : l.get().apply(b);
            rows.add(new String[] {l.label(), md ? mdCell(ma, l.unit()) : cell(ma, l.unit()),
                md ? mdCell(mb, l.unit()) : cell(mb, l.unit()), diff(ma, mb, l.unit(), md)});
        }
        return rows;
    }

    private static String seeds(SimSummary s) {
        return s.seeds() + (s.seeds() == 1 ? " seed" : " seeds");
    }

    private static ClassStats stats(SimSummary s, String className) {
        return s.byClass().get(className);
    }

    private static String[] labels(SimSummary a, SimSummary b) {
        String la = a.policy() == null ? "A" : a.policy();
        String lb = b.policy() == null ? "B" : b.policy();
        if (la.equals(lb)) {
            return new String[] {"A: " + la, "B: " + lb};
        }
        return new String[] {la, lb};
    }

    // ------------------------------------------------------------------ JSON

    /**
     * The summary as pretty-printed JSON: {@code policy}, {@code seeds}, {@code units}, and {@code byClass}
     * (classes in the summary's order), each class holding its metrics by their {@link ClassStats} names
     * (the counter metrics only under "overall"), each metric as {@code {"mean", "halfWidth", "n"}} with
     * null for NaN. {@code estimator} and {@code naive} hold {@code count, bias, mae, rmse, tooLowShare}.
     * Shares are fractions 0..1; waits, estimator errors and idle time are minutes.
     */
    public static String json(SimSummary s) {
        try {
            return JSON.writeValueAsString(jsonTree(s));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON of {@link #json(SimSummary)} as a Jackson tree, e.g. to embed in a larger document. */
    public static ObjectNode jsonTree(SimSummary s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("policy", s.policy());
        root.put("seeds", s.seeds());
        root.put("confidenceLevel", 0.95);
        ObjectNode units = root.putObject("units");
        units.put("waits", "minutes");
        units.put("estimatorErrors", "minutes");
        units.put("idleWhileEligible", "minutes");
        units.put("shares", "fraction 0..1");
        units.put("counts", "per seed (day)");
        ObjectNode byClass = root.putObject("byClass");
        for (Map.Entry<String, ClassStats> e : s.byClass().entrySet()) {
            ClassStats c = e.getValue();
            ObjectNode n = byClass.putObject(e.getKey());
            put(n, "tickets", c.tickets());
            put(n, "called", c.called());
            put(n, "waitMean", c.waitMean());
            put(n, "waitP50", c.waitP50());
            put(n, "waitP90", c.waitP90());
            put(n, "waitP95", c.waitP95());
            put(n, "waitMax", c.waitMax());
            put(n, "probabilityOfWaiting", c.probabilityOfWaiting());
            put(n, "within10", c.within10());
            put(n, "within15", c.within15());
            put(n, "within20", c.within20());
            put(n, "abandonment", c.abandonment());
            if (c.hasCounters()) {
                put(n, "utilisation", c.utilisation());
                put(n, "utilisationSpread", c.utilisationSpread());
                put(n, "idleWhileEligibleMinutes", c.idleWhileEligibleMinutes());
            }
            putEstimator(n.putObject("estimator"), c.estimator());
            putEstimator(n.putObject("naive"), c.naive());
        }
        return root;
    }

    private static void putEstimator(ObjectNode n, EstimatorStats e) {
        put(n, "count", e.count());
        put(n, "bias", e.bias());
        put(n, "mae", e.mae());
        put(n, "rmse", e.rmse());
        put(n, "tooLowShare", e.tooLowShare());
    }

    private static void put(ObjectNode parent, String name, Metric m) {
        if (m == null) {
            parent.putNull(name);
            return;
        }
        ObjectNode n = parent.putObject(name);
        number(n, "mean", m.mean());
        number(n, "halfWidth", m.halfWidth());
        n.put("n", m.n());
    }

    private static void number(ObjectNode n, String name, double v) {
        if (Double.isFinite(v)) {
            n.put(name, v);
        } else {
            n.putNull(name);
        }
    }

    // ------------------------------------------------------------------ formatting

    private static String cell(Metric m, Unit u) {
        if (m == null || Double.isNaN(m.mean())) {
            return "-";
        }
        String v = u.format(m.mean());
        return m.hasInterval() ? v + " ±" + u.format(m.halfWidth()) : v;
    }

    private static String mdCell(Metric m, Unit u) {
        if (m == null || Double.isNaN(m.mean())) {
            return "–";
        }
        String v = u.format(m.mean());
        return m.hasInterval() ? v + " ± " + u.format(m.halfWidth()) : v;
    }

    private static String diff(Metric a, Metric b, Unit u, boolean md) {
        if (a == null || b == null || Double.isNaN(a.mean()) || Double.isNaN(b.mean())) {
            return md ? "–" : "-";
        }
        return u.signed(a.mean() - b.mean());
    }

    /** Fixed-width grid: first row is the header, first column left-aligned, the others right-aligned. */
    /**
     * A plain text table: columns as wide as their widest cell, the first left-aligned, numbers right-aligned.
     * Kept rather than picocli's Help.TextTable, which wants column widths up front and aligns left only.
     */
    private static String grid(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int ri = 0; ri < rows.size(); ri++) {
            String[] r = rows.get(ri);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(w[i] - r[i].length());
                line.append(i == 0 ? r[i] + pad : pad + r[i]);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (ri == 0) {
                int total = 0;
                for (int x : w) {
                    total += x;
                }
                sb.append("-".repeat(total + 2 * (cols - 1))).append('\n');
            }
        }
        return sb.toString();
    }

    /** Markdown table: first row is the header, first column left-aligned, the others right-aligned. */
    private static String markdown(List<String[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (int ri = 0; ri < rows.size(); ri++) {
            String[] r = rows.get(ri);
            sb.append('|');
            for (String c : r) {
                sb.append(' ').append(c.replace("|", "\\|")).append(" |");
            }
            sb.append('\n');
            if (ri == 0) {
                sb.append('|');
                for (int i = 0; i < r.length; i++) {
                    sb.append(i == 0 ? " --- |" : " ---: |");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
