package tw.queue.hub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tw.queue.config.OfficeConfig;
import tw.queue.hub.sim.report.ErlangC;
import tw.queue.hub.sim.report.SeedResult;
import tw.queue.hub.sim.report.SimStatistics;
import tw.queue.hub.sim.report.SimSummary;
import tw.queue.hub.sim.report.TicketRecord;

/**
 * The shipped M/M/25 scenario (load 0.9, 10-minute service, ~930,000 citizens over 30 seeds) against
 * queueing theory: Erlang C for the waits, and the known best estimate for the estimator.
 */
@Tag("slow")
class TextbookCaseTest {
    private static final Path SCENARIO = Path.of("..", "scenarios", "mm25.yaml");
    private static final int SERVERS = 25;
    private static final double LAMBDA = 2.25;   // per minute
    private static final double MU = 0.1;        // per minute
    private static List<SeedResult> results;
    private static SimSummary summary;

    @BeforeAll
    static void simulate() throws Exception {
        Scenario scenario = Scenario.load(SCENARIO);
        OfficeConfig office = SimulateCommand.officeOf(scenario, SCENARIO.getParent());
        results = SimulateCommand.run(scenario, office, "fair", SCENARIO.getParent(), scenario.seeds());
        summary = SimStatistics.summarize("fair", results);
    }

    @Test
    void theRunIsLargeEnoughToBelieve() {
        long citizens = results.stream().mapToLong(r -> r.tickets().size()).sum();
        assertThat(results).hasSize(30);
        assertThat(citizens).isGreaterThan(400_000);
    }

    /** Erlang C's figure for M/M/25 at load 0.9 (checked against the textbook value) and the simulated one. */
    static Stream<Arguments> erlangCFigures() {
        return Stream.of(
                Arguments.of("probability of waiting", ErlangC.probabilityOfWaiting(SERVERS, LAMBDA, MU), 0.508, 0.001,
                        (ToDoubleFunction<SimSummary>) s -> s.overall().probabilityOfWaiting().mean()),
                Arguments.of("mean wait", ErlangC.meanWait(SERVERS, LAMBDA, MU), 2.03, 0.01,
                        (ToDoubleFunction<SimSummary>) s -> s.overall().waitMean().mean()));
    }

    @ParameterizedTest(name = "the {0} matches Erlang C")
    @MethodSource("erlangCFigures")
    void theSimulatedFigureMatchesErlangC(String figure, double erlang, double textbook, double textbookPrecision,
            ToDoubleFunction<SimSummary> simulatedFigure) {
        assertThat(erlang).isCloseTo(textbook, org.assertj.core.data.Offset.offset(textbookPrecision));
        double simulated = simulatedFigure.applyAsDouble(summary);
        assertThat(Math.abs(simulated - erlang) / erlang).as("simulated %.4f vs Erlang C %.4f", simulated, erlang)
                .isLessThan(0.05);
    }

    @Test
    void theEstimatorComesWithinTenPercentOfTheBestPossible() {
        // Over customers who had to wait (all counters busy on arrival, so the estimate is positive).
        double optimum = Math.sqrt(ErlangC.optimalEstimateMse(SERVERS, LAMBDA / (SERVERS * MU), MU));
        assertThat(optimum).isCloseTo(1.265, org.assertj.core.data.Offset.offset(0.01));
        List<Double> errors = new ArrayList<>();
        for (SeedResult r : results) {
            for (TicketRecord t : r.tickets()) {
                if (t.estimateAtIssue() != null && t.estimateAtIssue() > 0 && t.actualWait() != null) {
                    errors.add((t.estimateAtIssue() - t.actualWait()) / 60.0);
                }
            }
        }
        double rmse = Math.sqrt(errors.stream().mapToDouble(e -> e * e).average().orElseThrow());
        assertThat(errors.size()).isGreaterThan(200_000);
        assertThat(rmse).as("RMSE %.3f min vs optimum %.3f min", rmse, optimum).isLessThan(optimum * 1.10);
    }

    @Test
    void noCounterIdlesWhileSomeoneWaits() {
        assertThat(summary.overall().idleWhileEligibleMinutes().mean()).isZero();
        assertThat(summary.overall().utilisation().mean()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(0.01));
    }
}
