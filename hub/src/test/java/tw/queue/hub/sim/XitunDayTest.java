package tw.queue.hub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tw.queue.config.OfficeConfig;
import tw.queue.hub.sim.report.ClassStats;
import tw.queue.hub.sim.report.Metric;
import tw.queue.hub.sim.report.SeedResult;
import tw.queue.hub.sim.report.SimStatistics;
import tw.queue.hub.sim.report.SimSummary;
import tw.queue.hub.sim.report.TraceWriter;

/** The shipped realistic Xitun Monday, balanced policy against FCFS on the same 30 days. */
@Tag("slow")
class XitunDayTest {
    private static final Path SCENARIO = Path.of("..", "scenarios", "xitun-monday.yaml");
    private static List<SeedResult> balancedRuns;
    private static List<SeedResult> fcfsRuns;
    private static SimSummary balanced;
    private static SimSummary fcfs;

    @BeforeAll
    static void simulate() throws Exception {
        Scenario scenario = Scenario.load(SCENARIO);
        OfficeConfig office = SimulateCommand.officeOf(scenario, SCENARIO.getParent());
        balancedRuns = SimulateCommand.run(scenario, office, "balanced", SCENARIO.getParent(), 30);
        balanced = SimStatistics.summarize("balanced", balancedRuns);
        fcfsRuns = SimulateCommand.run(scenario, office, "fcfs", SCENARIO.getParent(), 30);
        fcfs = SimStatistics.summarize("fcfs", fcfsRuns);
    }

    /**
     * Balanced minus FCFS for one metric of one class, day by day (both policies see the same days), as a
     * mean with its 95% interval: what the 30 days can tell apart from noise.
     */
    private static Metric difference(String cls, Function<ClassStats, Metric> metric) {
        double[] perDay = new double[balancedRuns.size()];
        for (int i = 0; i < perDay.length; i++) {
            perDay[i] = metric.apply(SimStatistics.summarize("b", List.of(balancedRuns.get(i))).byClass().get(cls)).mean()
                    - metric.apply(SimStatistics.summarize("f", List.of(fcfsRuns.get(i))).byClass().get(cls)).mean();
        }
        return SimStatistics.metric(perDay);
    }

    @Test
    void theDayLooksLikeXitun() {
        ClassStats all = balanced.overall();
        assertThat(all.tickets().mean()).isBetween(800.0, 1200.0);
        double transcripts = balanced.byClass().get("transcript").tickets().mean() / all.tickets().mean();
        assertThat(transcripts).isBetween(0.40, 0.50);
    }

    @Test
    void noCounterIdlesWhileWorkItMayDoWaits() {
        assertThat(balanced.overall().idleWhileEligibleMinutes().mean()).isZero();
    }

    /** Clearly better: the whole interval of the day-by-day difference is on the good side of zero. */
    @Test
    void thePolicyWaitsLessOnAverageAndInTheTailThanFcfs() {
        for (Function<ClassStats, Metric> wait : List.<Function<ClassStats, Metric>>of(
                ClassStats::waitMean, ClassStats::waitP90, ClassStats::waitP95)) {
            assertThat(difference(SimStatistics.OVERALL, wait).upper()).isNegative();
        }
    }

    /** Within the days' noise (README): not clearly worse, i.e. the interval reaches the good side of zero. */
    @Test
    void theShareCalledWithinTenOrFifteenMinutesAndTheLongestWaitAreNotClearlyWorse() {
        String all = SimStatistics.OVERALL;
        assertThat(difference(all, ClassStats::within10).upper()).isNotNegative();
        assertThat(difference(all, ClassStats::within15).upper()).isNotNegative();
        assertThat(difference(all, ClassStats::waitMax).lower()).isNotPositive();
    }

    @Test
    void appointmentsAndPriorityClassesWaitLessAndWalkInsDoNotPayForIt() {
        String appointment = SimStatistics.PRIORITY_PREFIX + "appointment";
        String elderly = SimStatistics.PRIORITY_PREFIX + "elderly";
        String walkIn = SimStatistics.PRIORITY_PREFIX + "none";
        assertThat(difference(appointment, ClassStats::waitP95).upper()).isNegative();
        assertThat(balanced.byClass().get(appointment).waitP95().upper()).isLessThan(2.0);
        assertThat(difference(elderly, ClassStats::waitMean).upper()).isNegative();
        assertThat(difference(walkIn, ClassStats::waitMean).lower()).isNotPositive();
    }

    @Test
    void theEstimatorBeatsTheNaiveRule() {
        ClassStats all = balanced.overall();
        assertThat(all.estimator().rmse().mean()).isLessThan(all.naive().rmse().mean());
        assertThat(all.estimator().mae().mean()).isLessThan(all.naive().mae().mean());
        assertThat(all.estimator().tooLowShare().mean()).isLessThan(all.naive().tooLowShare().mean());
    }

    @Test
    void theTraceHasOneRowPerTicket() throws Exception {
        StringWriter out = new StringWriter();
        TraceWriter.write(out, balancedRuns);
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo("seed,id,service,priority,issued,called,finished,outcome,aheadAtIssue,"
                + "openCountersAtIssue,estimateAtIssue,actualWait,naiveEstimateAtIssue");
        assertThat(lines.length - 1L).isEqualTo(balancedRuns.stream().mapToLong(r -> r.tickets().size()).sum());
    }
}
