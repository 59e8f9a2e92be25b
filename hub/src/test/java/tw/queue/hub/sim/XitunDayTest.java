package tw.queue.hub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.queue.config.OfficeConfig;
import tw.queue.hub.sim.report.ClassStats;
import tw.queue.hub.sim.report.SeedResult;
import tw.queue.hub.sim.report.SimStatistics;
import tw.queue.hub.sim.report.SimSummary;
import tw.queue.hub.sim.report.TraceWriter;

/** The shipped realistic Xitun Monday, balanced policy against FCFS on the same 30 days. */
class XitunDayTest {
    private static final Path SCENARIO = Path.of("..", "scenarios", "xitun-monday.yaml");
    private static List<SeedResult> balancedRuns;
    private static SimSummary balanced;
    private static SimSummary fcfs;

    @BeforeAll
    static void simulate() throws Exception {
        Scenario scenario = Scenario.load(SCENARIO);
        OfficeConfig office = SimulateCommand.officeOf(scenario, SCENARIO.getParent());
        balancedRuns = SimulateCommand.run(scenario, office, "balanced", SCENARIO.getParent(), 30);
        balanced = SimStatistics.summarize("balanced", balancedRuns);
        fcfs = SimStatistics.summarize("fcfs",
                SimulateCommand.run(scenario, office, "fcfs", SCENARIO.getParent(), 30));
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

    @Test
    void thePolicyWaitsLessOnAverageAndInTheTailThanFcfs() {
        ClassStats b = balanced.overall();
        ClassStats f = fcfs.overall();
        assertThat(b.waitMean().mean()).isLessThan(f.waitMean().mean());
        assertThat(b.waitP90().mean()).isLessThan(f.waitP90().mean());
        assertThat(b.waitP95().mean()).isLessThan(f.waitP95().mean());
        assertThat(b.within10().mean()).isGreaterThan(f.within10().mean());
        // These two are close (within the seeds' noise; see the README), but on these 30 days not worse.
        assertThat(b.within15().mean()).isGreaterThanOrEqualTo(f.within15().mean());
        assertThat(b.waitMax().mean()).isLessThanOrEqualTo(f.waitMax().mean());
    }

    @Test
    void appointmentsAndPriorityClassesWaitLessAndWalkInsDoNotPayForIt() {
        String appointment = SimStatistics.PRIORITY_PREFIX + "appointment";
        String elderly = SimStatistics.PRIORITY_PREFIX + "elderly";
        String walkIn = SimStatistics.PRIORITY_PREFIX + "none";
        assertThat(balanced.byClass().get(appointment).waitP95().mean())
                .isLessThan(fcfs.byClass().get(appointment).waitP95().mean()).isLessThan(2.0);
        assertThat(balanced.byClass().get(elderly).waitMean().mean())
                .isLessThan(fcfs.byClass().get(elderly).waitMean().mean());
        assertThat(balanced.byClass().get(walkIn).waitMean().mean())
                .isLessThanOrEqualTo(fcfs.byClass().get(walkIn).waitMean().mean());
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
                + "openCountersAtIssue,estimateAtIssue,actualWait");
        assertThat(lines.length - 1L).isEqualTo(balancedRuns.stream().mapToLong(r -> r.tickets().size()).sum());
    }
}
