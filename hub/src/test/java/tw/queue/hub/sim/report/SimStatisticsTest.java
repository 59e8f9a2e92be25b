package tw.queue.hub.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static tw.queue.hub.sim.report.Tickets.called;
import static tw.queue.hub.sim.report.Tickets.estimated;
import static tw.queue.hub.sim.report.Tickets.seed;
import static tw.queue.hub.sim.report.Tickets.uncalled;
import static tw.queue.hub.sim.report.Tickets.waits;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimStatisticsTest {
    private static final double EPS = 1e-9;

    @Test
    void waitsOfOneSeed() {
        // waits 0, 60, 120, 600, 1200 s = 0, 1, 2, 10, 20 min, plus one abandoned ticket never called.
        List<TicketRecord> ts = new ArrayList<>(waits(1, "A", 0, 60, 120, 600, 1200));
        ts.add(uncalled(1, "A", "cancelled"));
        SimSummary s = SimStatistics.summarize("fcfs", List.of(seed(1, ts)));

        assertThat(s.policy()).isEqualTo("fcfs");
        assertThat(s.seeds()).isEqualTo(1);
        ClassStats a = s.byClass().get("A");
        assertThat(a.tickets().mean()).isEqualTo(6);
        assertThat(a.called().mean()).isEqualTo(5);
        assertThat(a.waitMean().mean()).isCloseTo(33.0 / 5, within(EPS)); // (0+1+2+10+20)/5 = 6.6
        assertThat(a.waitP50().mean()).isCloseTo(2, within(EPS));
        // p90: h = 4 * 0.9 = 3.6 -> 600 + 0.6 * (1200 - 600) = 960 s = 16 min
        assertThat(a.waitP90().mean()).isCloseTo(16, within(EPS));
        // p95: h = 3.8 -> 600 + 0.8 * 600 = 1080 s = 18 min
        assertThat(a.waitP95().mean()).isCloseTo(18, within(EPS));
        assertThat(a.waitMax().mean()).isCloseTo(20, within(EPS));
        assertThat(a.probabilityOfWaiting().mean()).isCloseTo(0.8, within(EPS)); // the 0 s wait did not wait
        assertThat(a.within10().mean()).isCloseTo(0.8, within(EPS)); // 600 s counts as within 10 min
        assertThat(a.within15().mean()).isCloseTo(0.8, within(EPS));
        assertThat(a.within20().mean()).isCloseTo(1.0, within(EPS));
        assertThat(a.abandonment().mean()).isCloseTo(1.0 / 6, within(EPS));
        // one seed: no interval
        assertThat(a.waitMean().n()).isEqualTo(1);
        assertThat(a.waitMean().halfWidth()).isNaN();
        assertThat(a.waitMean().hasInterval()).isFalse();
        // a single service: overall equals it
        assertThat(s.overall().waitMean().mean()).isCloseTo(6.6, within(EPS));
        assertThat(a.utilisation()).isNull();
    }

    @Test
    void waitedThresholdIsHalfASecond() {
        SimSummary s = SimStatistics.summarize("p", List.of(seed(1, waits(1, "A", 0.5, 0.6, 30, 0))));
        assertThat(s.overall().probabilityOfWaiting().mean()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void twoSeedsGiveStudentTInterval() {
        // seed 1: waits 60, 180 s -> mean 2 min; seed 2: 240, 240 s -> mean 4 min.
        // mean over seeds 3; sample sd = sqrt(((2-3)^2 + (4-3)^2) / 1) = sqrt(2);
        // half-width = t(0.975, 1) * sqrt(2) / sqrt(2) = 12.706204736
        SimSummary s = SimStatistics.summarize("p", List.of(
                seed(1, waits(1, "A", 60, 180)),
                seed(2, waits(2, "A", 240, 240))));
        Metric m = s.byClass().get("A").waitMean();
        assertThat(m.mean()).isCloseTo(3, within(EPS));
        assertThat(m.halfWidth()).isCloseTo(12.706204736, within(1e-6));
        assertThat(m.n()).isEqualTo(2);
        // tickets: 2 and 2 -> no spread
        assertThat(s.overall().tickets().mean()).isEqualTo(2);
        assertThat(s.overall().tickets().halfWidth()).isEqualTo(0);
    }

    @Test
    void threeSeedsGiveStudentTInterval() {
        // per-seed mean waits 2, 4, 9 min -> mean 5, s = sqrt((9 + 1 + 16) / 2) = sqrt(13)
        // half-width = 4.302652730 * sqrt(13) / sqrt(3) = 8.95672...
        SimSummary s = SimStatistics.summarize("p", List.of(
                seed(1, waits(1, "A", 120)),
                seed(2, waits(2, "A", 240)),
                seed(3, waits(3, "A", 540))));
        Metric m = s.overall().waitMean();
        assertThat(m.mean()).isCloseTo(5, within(EPS));
        assertThat(m.halfWidth()).isCloseTo(4.302652730 * Math.sqrt(13) / Math.sqrt(3), within(1e-6));
        assertThat(m.halfWidth()).isCloseTo(8.9567, within(1e-3));
    }

    @Test
    void classMissingFromASeed() {
        // B appears only in seed 1: its ticket count is 2 and 0; its waits come from seed 1 alone.
        SimSummary s = SimStatistics.summarize("p", List.of(
                seed(1, List.of(called(1, "A", 60), called(1, "B", 120), called(1, "B", 240))),
                seed(2, List.of(called(2, "A", 60)))));
        ClassStats b = s.byClass().get("B");
        assertThat(b.tickets().mean()).isEqualTo(1);
        assertThat(b.tickets().n()).isEqualTo(2);
        assertThat(b.waitMean().mean()).isCloseTo(3, within(EPS));
        assertThat(b.waitMean().n()).isEqualTo(1);
        assertThat(s.overall().tickets().mean()).isEqualTo(2); // 3 and 1
    }

    @Test
    void classesSortedThenOverall() {
        SimSummary s = SimStatistics.summarize("p", List.of(seed(1, List.of(
                called(1, "C", 1), called(1, "A", 1), called(1, "B", 1)))));
        assertThat(s.byClass().keySet()).containsExactly("A", "B", "C", "overall");
        assertThat(s.overall().tickets().mean()).isEqualTo(3);
    }

    @Test
    void estimatorErrors() {
        // error = estimate - actual (seconds):
        //   est 300, actual 240 -> +60
        //   est 120, actual 600 -> -480 (actual exceeds estimate by 480 > 300: too low)
        //   est 600, actual 600 -> 0
        // bias = (60 - 480 + 0) / 3 = -140 s = -2.3333 min; MAE = 540 / 3 = 180 s = 3 min;
        // RMSE = sqrt((3600 + 230400 + 0) / 3) = sqrt(78000) s = 279.285 s = 4.65475 min; too low 1/3.
        // Naive: 240 vs 240 -> 0, 900 vs 600 -> +300, third has none:
        // bias = MAE = 150 s = 2.5 min; RMSE = sqrt(90000 / 2) = 212.132 s = 3.53553 min; too low 0.
        List<TicketRecord> ts = List.of(
                estimated(1, "A", 240.0, 300.0, 240.0),
                estimated(1, "A", 600.0, 120.0, 900.0),
                estimated(1, "A", 600.0, 600.0, null),
                estimated(1, "A", 100.0, null, null), // no estimate: left out
                estimated(1, "A", null, 200.0, 200.0)); // never called: left out
        EstimatorStats e = SimStatistics.summarize("p", List.of(seed(1, ts))).overall().estimator();
        assertThat(e.count().mean()).isEqualTo(3);
        assertThat(e.bias().mean()).isCloseTo(-140.0 / 60, within(EPS));
        assertThat(e.mae().mean()).isCloseTo(3.0, within(EPS));
        assertThat(e.rmse().mean()).isCloseTo(Math.sqrt(78000) / 60, within(EPS));
        assertThat(e.rmse().mean()).isCloseTo(4.65475, within(1e-5));
        assertThat(e.tooLowShare().mean()).isCloseTo(1.0 / 3, within(EPS));

        EstimatorStats n = SimStatistics.summarize("p", List.of(seed(1, ts))).overall().naive();
        assertThat(n.count().mean()).isEqualTo(2);
        assertThat(n.bias().mean()).isCloseTo(2.5, within(EPS));
        assertThat(n.mae().mean()).isCloseTo(2.5, within(EPS));
        assertThat(n.rmse().mean()).isCloseTo(Math.sqrt(45000) / 60, within(EPS));
        assertThat(n.tooLowShare().mean()).isEqualTo(0);
    }

    @Test
    void tooLowMeansMoreThanFiveMinutes() {
        List<TicketRecord> ts = List.of(
                estimated(1, "A", 400.0, 100.0, null), // exactly 300 s too low: not counted
                estimated(1, "A", 401.0, 100.0, null)); // 301 s too low: counted
        EstimatorStats e = SimStatistics.summarize("p", List.of(seed(1, ts))).overall().estimator();
        assertThat(e.tooLowShare().mean()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void countersUtilisationSpreadAndIdle() {
        // busy/open: 1800/3600 = 0.5 and 3240/3600 = 0.9; the counter never open is skipped.
        // mean 0.7, population SD = sqrt(((0.5-0.7)^2 + (0.9-0.7)^2) / 2) = 0.2.
        // idle while eligible: 60 + 120 + 30 s = 210 s = 3.5 min.
        List<CounterRecord> cs = List.of(
                new CounterRecord(1, 1, 3600, 1800, 60),
                new CounterRecord(1, 2, 3600, 3240, 120),
                new CounterRecord(1, 3, 0, 0, 30));
        // second seed: one counter at 0.6, idle 1.5 min -> utilisation over seeds (0.7 + 0.6) / 2 = 0.65
        List<CounterRecord> cs2 = List.of(new CounterRecord(2, 1, 1000, 600, 90));
        SimSummary s = SimStatistics.summarize("p", List.of(
                seed(1, waits(1, "A", 10), cs), seed(2, waits(2, "A", 10), cs2)));
        ClassStats o = s.overall();
        assertThat(o.hasCounters()).isTrue();
        assertThat(o.utilisation().mean()).isCloseTo(0.65, within(EPS));
        // per-seed 0.7 and 0.6: s = sqrt((0.05^2 + 0.05^2) / 1) = sqrt(0.005) -> hw = 12.7062 * sqrt(0.005 / 2)
        // = 12.7062 * 0.05 = 0.63531
        assertThat(o.utilisation().halfWidth()).isCloseTo(12.706204736 * 0.05, within(1e-6));
        assertThat(o.utilisationSpread().mean()).isCloseTo((0.2 + 0.0) / 2, within(EPS));
        assertThat(o.idleWhileEligibleMinutes().mean()).isCloseTo((3.5 + 1.5) / 2, within(EPS));
        assertThat(s.byClass().get("A").hasCounters()).isFalse();

        SimSummary one = SimStatistics.summarize("p", List.of(seed(1, waits(1, "A", 10), cs)));
        assertThat(one.overall().utilisation().mean()).isCloseTo(0.7, within(EPS));
        assertThat(one.overall().utilisationSpread().mean()).isCloseTo(0.2, within(EPS));
        assertThat(one.overall().idleWhileEligibleMinutes().mean()).isCloseTo(3.5, within(EPS));
    }

    @Test
    void percentileIsLinearInterpolation() {
        double[] xs = {0, 60, 120, 600, 1200};
        assertThat(SimStatistics.percentile(xs, 0)).isEqualTo(0);
        assertThat(SimStatistics.percentile(xs, 0.5)).isEqualTo(120);
        assertThat(SimStatistics.percentile(xs, 0.9)).isCloseTo(960, within(EPS));
        assertThat(SimStatistics.percentile(xs, 1)).isEqualTo(1200);
        assertThat(SimStatistics.percentile(new double[] {1, 2}, 0.5)).isEqualTo(1.5);
        assertThat(SimStatistics.percentile(new double[] {7}, 0.95)).isEqualTo(7);
        assertThat(SimStatistics.percentile(new double[0], 0.5)).isNaN();
    }

    @Test
    void tQuantiles() {
        assertThat(SimStatistics.tQuantile975(1)).isCloseTo(12.7062, within(1e-4));
        assertThat(SimStatistics.tQuantile975(10)).isCloseTo(2.2281, within(1e-4));
        assertThat(SimStatistics.tQuantile975(30)).isCloseTo(2.0423, within(1e-4));
        // beyond the table (reference values from statistical tables)
        assertThat(SimStatistics.tQuantile975(40)).isCloseTo(2.0211, within(1e-4));
        assertThat(SimStatistics.tQuantile975(60)).isCloseTo(2.0003, within(1e-4));
        assertThat(SimStatistics.tQuantile975(120)).isCloseTo(1.9799, within(1e-4));
        assertThat(SimStatistics.tQuantile975(100000)).isCloseTo(1.9600, within(1e-4));
    }

    @Test
    void metricIgnoresMissingSeeds() {
        Metric m = SimStatistics.metric(2, Double.NaN, 4);
        assertThat(m.mean()).isEqualTo(3);
        assertThat(m.n()).isEqualTo(2);
        assertThat(m.halfWidth()).isCloseTo(12.706204736, within(1e-6));
        assertThat(SimStatistics.metric(Double.NaN).mean()).isNaN();
        assertThat(SimStatistics.metric().n()).isZero();
    }

    @Test
    void seedWithoutCalledTicketsHasNoWaitButCountsAbandonment() {
        SimSummary s = SimStatistics.summarize("p", List.of(
                seed(1, List.of(uncalled(1, "A", "cancelled"), uncalled(1, "A", "no-show")))));
        ClassStats a = s.byClass().get("A");
        assertThat(a.waitMean().mean()).isNaN();
        assertThat(a.waitMean().n()).isZero();
        assertThat(a.abandonment().mean()).isCloseTo(0.5, within(EPS));
        assertThat(a.estimator().count().mean()).isZero();
        assertThat(a.estimator().rmse().mean()).isNaN();
    }
}
