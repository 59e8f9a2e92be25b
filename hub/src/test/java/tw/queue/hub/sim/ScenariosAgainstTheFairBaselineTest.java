package tw.queue.hub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.queue.config.OfficeConfig;
import tw.queue.hub.sim.report.PooledTrace;
import tw.queue.hub.sim.report.SimStatistics;
import tw.queue.hub.sim.report.TraceWriter;

/**
 * The hub's policy against the fair baseline (first come, first served, appointments at their time) on the
 * Xitun Monday and each stress scenario, pooled from the trace the simulator writes. For every service and
 * priority class: p95 not above the baseline's by more than max(10%, 1 min), the longest wait not by more than
 * max(10%, 5 min); overall mean not above, share called within 15 minutes higher, abandonment not higher; on
 * the Monday the mean at least 15% below. And the estimator on the same days: RMSE below the naive rule's, under
 * 5% of estimates more than 5 minutes too low, each service's mean error within 25% of its mean wait or 2 minutes.
 *
 * <p>The whole check (30 days of each of the four scenarios) takes minutes, so it runs on demand
 * ({@code mvn -B verify -pl hub -am -Dgroups=scenarios -DexcludedGroups=none}); the default build checks part of
 * it on six Mondays.
 */
class ScenariosAgainstTheFairBaselineTest {

    private static PooledTrace run(String scenarioFile, String policy, int seeds, Path dir) throws Exception {
        Path file = Path.of("..", "scenarios", scenarioFile);
        Scenario scenario = Scenario.load(file);
        OfficeConfig office = SimulateCommand.officeOf(scenario, file.getParent());
        Path trace = dir.resolve(policy + ".csv");
        TraceWriter.write(trace, SimulateCommand.run(scenario, office, policy, file.getParent(), seeds));
        return PooledTrace.read(trace);
    }

    @Tag("slow")
    @Tag("scenarios")
    @ParameterizedTest(name = "{0}, 30 days")
    @ValueSource(strings = {"xitun-monday.yaml", "overloaded-day.yaml", "turning-point-x3.yaml", "lunch-surge.yaml"})
    void theHubsPolicyIsFairAtTheTailAndItsEstimatesHonest(String scenario, @TempDir Path dir) throws Exception {
        check(scenario, 30, 10_000, true, dir);
    }

    /**
     * The default build's part (the whole check takes minutes): on six Mondays, what holds on the 30 days and is
     * not left to a few days' tails: no worse overall, the priority classes not later at p95, the estimator
     * honest. It fails if the policy or the estimator regresses to, say, first come, first served or the naive rule.
     */
    @Test
    void onSixMondaysThePolicyIsNoWorseOverallAndItsEstimatesHonest(@TempDir Path dir) throws Exception {
        check("xitun-monday.yaml", 6, 2_000, false, dir);
    }

    /** @param tails whether to check every service's and class's p95 and maximum (else only the classes' p95) */
    private static void check(String scenario, int seeds, int atLeast, boolean tails, Path dir) throws Exception {
        Map<String, PooledTrace.Group> base = run(scenario, "fcfs-appt", seeds, dir).groups();
        Map<String, PooledTrace.Group> fair = run(scenario, tw.queue.domain.CallNextPolicy.OFFICE_DEFAULT, seeds, dir)
                .groups();
        List<String> table = new ArrayList<>();
        SoftAssertions soft = new SoftAssertions();
        for (var e : base.entrySet()) {
            PooledTrace.Group b = e.getValue();
            PooledTrace.Group f = fair.get(e.getKey());
            if (f == null || b.called() == 0 || f.called() == 0) {
                continue;
            }
            table.add(String.format("%-28s mean %6.2f / %6.2f  p95 %6.1f / %6.1f  max %6.1f / %6.1f  est bias %6.2f rmse %5.2f naive %5.2f",
                    e.getKey(), f.mean(), b.mean(), f.p95(), b.p95(), f.max(), b.max(), f.bias(), f.rmse(), f.naiveRmse()));
            boolean priorityClass = e.getKey().startsWith(SimStatistics.PRIORITY_PREFIX);
            if (tails || priorityClass) {
                soft.assertThat(f.p95()).as("%s %s p95", scenario, e.getKey())
                        .isLessThanOrEqualTo(b.p95() + Math.max(0.10 * b.p95(), 1.0));
            }
            if (tails) {
                soft.assertThat(f.max()).as("%s %s longest wait", scenario, e.getKey())
                        .isLessThanOrEqualTo(b.max() + Math.max(0.10 * b.max(), 5.0));
            }
            if (!e.getKey().startsWith(SimStatistics.PRIORITY_PREFIX) && !e.getKey().equals(SimStatistics.OVERALL)
                    && f.estimates() > 0) {
                soft.assertThat(Math.abs(f.bias())).as("%s %s mean error of the estimate", scenario, e.getKey())
                        .isLessThanOrEqualTo(Math.max(0.25 * f.mean(), 2.0));
            }
        }
        Files.write(dir.resolve("table.txt"), table);
        System.out.println(scenario + ", " + seeds + " days, hub's policy / fcfs-appt:");
        table.forEach(System.out::println);
        PooledTrace.Group b = base.get(SimStatistics.OVERALL);
        PooledTrace.Group f = fair.get(SimStatistics.OVERALL);
        soft.assertThat(f.mean()).as("%s overall mean", scenario).isLessThanOrEqualTo(b.mean());
        // The issue asks for a higher share; on six Mondays (the default build's part) no lower is what holds.
        if (tails) {
            soft.assertThat(f.within15()).as("%s called within 15 minutes", scenario).isGreaterThan(b.within15());
        } else {
            soft.assertThat(f.within15()).as("%s called within 15 minutes", scenario).isGreaterThanOrEqualTo(b.within15());
        }
        soft.assertThat(f.abandonment()).as("%s abandonment", scenario).isLessThanOrEqualTo(b.abandonment());
        if (tails && scenario.startsWith("xitun-monday")) {
            soft.assertThat(f.mean()).as("the Monday's mean, at least 15% below").isLessThanOrEqualTo(0.85 * b.mean());
        }
        soft.assertThat(f.rmse()).as("%s estimate RMSE against the naive rule", scenario).isLessThan(f.naiveRmse());
        soft.assertThat(f.tooLow()).as("%s estimates more than 5 min too low", scenario).isLessThan(0.05);
        assertThat(f.called()).isGreaterThan(atLeast);
        soft.assertAll();
    }
}
