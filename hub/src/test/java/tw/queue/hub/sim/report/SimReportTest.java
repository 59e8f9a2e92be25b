package tw.queue.hub.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static tw.queue.hub.sim.report.Tickets.estimated;
import static tw.queue.hub.sim.report.Tickets.seed;
import static tw.queue.hub.sim.report.Tickets.uncalled;
import static tw.queue.hub.sim.report.Tickets.waits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimReportTest {

    private static final List<CounterRecord> COUNTERS = List.of(
            new CounterRecord(1, 1, 3600, 1800, 60), new CounterRecord(1, 2, 3600, 3240, 120));

    /** Two seeds; household-registration waits mean 6.6 and 3.4 min (overall with "passport" differs). */
    private static SimSummary balanced() {
        List<TicketRecord> s1 = new ArrayList<>(waits(1, "household", 0, 60, 120, 600, 1200)); // mean 6.6
        s1.add(estimated(1, "passport", 240.0, 300.0, 240.0));
        s1.add(uncalled(1, "passport", "cancelled"));
        List<TicketRecord> s2 = new ArrayList<>(waits(2, "household", 60, 120, 432)); // 1 + 2 + 7.2: mean 3.4
        s2.add(estimated(2, "passport", 600.0, 120.0, 900.0));
        return SimStatistics.summarize("balanced", List.of(seed(1, s1, COUNTERS), seed(2, s2, COUNTERS)));
    }

    private static SimSummary fcfs() {
        return SimStatistics.summarize("fcfs", List.of(seed(1, waits(1, "household", 180), COUNTERS)));
    }

    @Test
    void tableHasClassesNumbersAndSections() {
        SimSummary s = balanced();
        String t = SimReport.table(s);
        assertThat(t).contains("balanced", "2 seeds", "household", "passport", "overall");
        // household wait mean: (6.6 + 3.4) / 2 = 5.00; half-width 12.706 * sqrt(5.12) / sqrt(2) = 20.33
        assertThat(t).contains("5.00 ±20.33");
        assertThat(t).contains("Wait estimates", "estimate", "naive", "Counters");
        assertThat(t).contains("70.0 ±0.0"); // utilisation 0.5 and 0.9 -> 70% both days
        assertThat(t).contains("20.0 ±0.0"); // SD across counters
        // the rows of a table line up: every data line of the first table has the same length
        String first = t.substring(t.indexOf("Waits"), t.indexOf("Service level"));
        List<Integer> lengths = first.lines().skip(1).filter(l -> !l.isBlank()).map(String::length).toList();
        assertThat(lengths).hasSize(5).allMatch(len -> len.equals(lengths.get(0)));
    }

    @Test
    void oneSeedHasNoPlusMinus() {
        String t = SimReport.table(fcfs());
        assertThat(t).contains("1 seed", "3.00").doesNotContain("±");
    }

    @Test
    void jsonParsesBackWithTheFields() throws Exception {
        SimSummary s = balanced();
        JsonNode root = new ObjectMapper().readTree(SimReport.json(s));
        assertThat(root.get("policy").asText()).isEqualTo("balanced");
        assertThat(root.get("seeds").asInt()).isEqualTo(2);
        JsonNode byClass = root.get("byClass");
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = byClass.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertThat(names).containsExactly("household", "passport", "overall");

        JsonNode hh = byClass.get("household");
        assertThat(hh.get("waitMean").get("mean").asDouble()).isCloseTo(5.0, within(1e-9));
        assertThat(hh.get("waitMean").get("halfWidth").asDouble())
                .isCloseTo(12.706204736 * Math.sqrt(5.12) / Math.sqrt(2), within(1e-6));
        assertThat(hh.get("waitMean").get("n").asInt()).isEqualTo(2);
        for (String f : List.of("tickets", "called", "waitP50", "waitP90", "waitP95", "waitMax",
                "probabilityOfWaiting", "within10", "within15", "within20", "abandonment", "estimator", "naive")) {
            assertThat(hh.has(f)).as(f).isTrue();
        }
        assertThat(hh.has("utilisation")).isFalse();

        JsonNode overall = byClass.get("overall");
        assertThat(overall.get("utilisation").get("mean").asDouble()).isCloseTo(0.7, within(1e-9));
        assertThat(overall.get("utilisationSpread").get("mean").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(overall.get("idleWhileEligibleMinutes").get("mean").asDouble()).isCloseTo(3.0, within(1e-9));

        // passport estimator: seed 1 error +60 s, seed 2 error -480 s -> bias (1 - 8) / 2 = -3.5 min
        JsonNode est = byClass.get("passport").get("estimator");
        assertThat(est.get("bias").get("mean").asDouble()).isCloseTo(-3.5, within(1e-9));
        for (String f : List.of("count", "bias", "mae", "rmse", "tooLowShare")) {
            assertThat(est.has(f)).as(f).isTrue();
        }
        // passport was abandoned only in seed 1: 1/2 and 0/1
        assertThat(byClass.get("passport").get("abandonment").get("mean").asDouble()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void jsonWritesNullForMissingHalfWidth() throws Exception {
        JsonNode root = new ObjectMapper().readTree(SimReport.json(fcfs()));
        JsonNode m = root.get("byClass").get("overall").get("waitMean");
        assertThat(m.get("mean").asDouble()).isCloseTo(3.0, within(1e-9));
        assertThat(m.get("halfWidth").isNull()).isTrue();
        // no estimates at all: null means
        assertThat(root.get("byClass").get("overall").get("estimator").get("rmse").get("mean").isNull()).isTrue();
    }

    @Test
    void compareShowsBothRunsAndTheDifference() {
        String c = SimReport.compare(balanced(), fcfs());
        assertThat(c).contains("balanced", "fcfs", "balanced − fcfs");
        assertThat(c).contains("Wait mean (min)", "Wait p95 (min)", "Called within 10 min (%)",
                "Abandoned (%)", "Counter utilisation (%)", "Idle while eligible", "Estimate RMSE (min)",
                "Estimate >5 min too low (%)");
        // overall wait mean: balanced seed 1 (0+1+2+10+20+4)/6 = 6.1667, seed 2 (1+2+7.2+10)/4 = 5.05
        // -> 5.6083; fcfs 3.00 -> difference +2.61
        String waitLine = c.lines().filter(l -> l.startsWith("Wait mean")).findFirst().orElseThrow();
        assertThat(waitLine).contains("5.61 ±", "3.00", "+2.61");
    }

    @Test
    void markdownCompare() {
        String md = SimReport.markdownCompare(balanced(), fcfs());
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("| metric | balanced | fcfs | balanced − fcfs |");
        assertThat(lines.get(1)).isEqualTo("| --- | ---: | ---: | ---: |");
        assertThat(lines).hasSize(2 + 18).allMatch(l -> l.startsWith("|") && l.endsWith("|"));
        assertThat(md).contains("| Wait mean (min) | 5.61 ± ", "| 3.00 | +2.61 |");
    }

    @Test
    void sameNamedRunsGetDistinctLabelsAndEstimatorsCompare() {
        String c = SimReport.compare(fcfs(), fcfs());
        assertThat(c).contains("A: fcfs", "B: fcfs");

        String e = SimReport.compareEstimators(balanced(), "passport");
        // estimate bias -3.5 min, naive: seed 1 error 0, seed 2 +300 s -> 2.5 min; difference -6.00
        String biasLine = e.lines().filter(l -> l.startsWith("Bias")).findFirst().orElseThrow();
        assertThat(biasLine).contains("-3.50 ±", "2.50 ±", "-6.00");
        assertThat(SimReport.markdownCompareEstimators(balanced())).startsWith("| metric | estimate | naive |");
    }
}
