package tw.queue.hub.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

    @Test
    void twentyFiveCountersAtNinetyPercentLoad() {
        // s = 25, lambda = 2.25/min, mu = 0.1/min: a = 22.5 erlangs, rho = 0.9.
        // Published value: C(25, 22.5) = 0.5079; Wq = C / (s mu - lambda) = 0.5079 / 0.25 = 2.0317 min.
        assertThat(ErlangC.probabilityOfWaiting(25, 2.25, 0.1)).isCloseTo(0.5079, within(0.0005));
        assertThat(ErlangC.meanWait(25, 2.25, 0.1)).isCloseTo(2.0317, within(0.001));
        assertThat(ErlangC.utilisation(25, 2.25, 0.1)).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void oneServerIsMm1() {
        // M/M/1: P(wait) = rho, Wq = rho / (mu - lambda).
        double lambda = 0.6;
        double mu = 1.0;
        assertThat(ErlangC.probabilityOfWaiting(1, lambda, mu)).isCloseTo(0.6, within(1e-12));
        assertThat(ErlangC.meanWait(1, lambda, mu)).isCloseTo(0.6 / 0.4, within(1e-12));
        // and P(W > t) = rho e^{-(mu - lambda) t}
        assertThat(ErlangC.probabilityWaitExceeds(1, lambda, mu, 2.0)).isCloseTo(0.6 * Math.exp(-0.8), within(1e-12));
        assertThat(ErlangC.serviceLevel(1, lambda, mu, 0.0)).isCloseTo(0.4, within(1e-12));
        // another load
        assertThat(ErlangC.probabilityOfWaiting(1, 3, 4)).isCloseTo(0.75, within(1e-12));
        assertThat(ErlangC.meanWait(1, 3, 4)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void twoServersByHand() {
        // s = 2, lambda = 1, mu = 0.8: a = 5/4, rho = 5/8.
        // C = [a^2/2! / (1 - rho)] / [1 + a + a^2/2! / (1 - rho)]
        //   = [(25/32) / (3/8)] / [9/4 + 25/12] = (25/12) / (52/12) = 25/52 = 0.480769...
        // (check: for M/M/2, C = 2 rho^2 / (1 + rho) = 2 (25/64) / (13/8) = 25/52.)
        // Wq = C / (s mu - lambda) = (25/52) / 0.6 = 0.801282...
        assertThat(ErlangC.probabilityOfWaiting(2, 1, 0.8)).isCloseTo(25.0 / 52, within(1e-12));
        assertThat(ErlangC.meanWait(2, 1, 0.8)).isCloseTo(25.0 / 52 / 0.6, within(1e-12));
    }

    @Test
    void erlangBSmallCases() {
        // B(1, a) = a / (1 + a); B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2
        assertThat(ErlangC.erlangB(1, 3)).isCloseTo(0.75, within(1e-12));
        assertThat(ErlangC.erlangB(2, 1)).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void stableForHundredsOfServers() {
        // Against the textbook formula evaluated in log space (a^s / s! would overflow a double).
        int s = 300;
        double a = 0.95 * s;
        double[] logTerms = new double[s + 1];
        for (int k = 0; k < s; k++) {
            logTerms[k] = k * Math.log(a) - logFactorial(k);
        }
        logTerms[s] = s * Math.log(a) - logFactorial(s) - Math.log(1 - a / s);
        double max = Double.NEGATIVE_INFINITY;
        for (double t : logTerms) {
            max = Math.max(max, t);
        }
        double den = 0;
        for (double t : logTerms) {
            den += Math.exp(t - max);
        }
        double expected = Math.exp(logTerms[s] - max) / den;
        assertThat(expected).isCloseTo(0.27946, within(1e-4));

        assertThat(ErlangC.probabilityOfWaiting(s, a, 1)).isCloseTo(expected, within(1e-9));
        assertThat(ErlangC.meanWait(s, a, 1)).isCloseTo(expected / (s - a), within(1e-9));

        double big = ErlangC.probabilityOfWaiting(800, 780, 1);
        assertThat(big).isFinite().isBetween(0.0, 1.0);
    }

    @Test
    void overloadedQueueAlwaysWaits() {
        assertThat(ErlangC.probabilityOfWaiting(3, 3, 1)).isEqualTo(1.0);
        assertThat(ErlangC.meanWait(3, 3.5, 1)).isInfinite();
        assertThat(ErlangC.optimalEstimateMse(3, 1.0, 1)).isInfinite();
        assertThatThrownBy(() -> ErlangC.meanWait(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErlangC.meanWait(2, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optimalEstimateMse() {
        // s = 1, rho = 0.5, mu = 1: 1 / ((1 - 0.5) * 1^2) = 2
        assertThat(ErlangC.optimalEstimateMse(1, 0.5, 1)).isCloseTo(2.0, within(1e-12));
        // s = 25, rho = 0.9, mu = 0.1/min: 1 / (0.1 * 2.5^2) = 1.6 min^2 (RMSE 1.26 min)
        assertThat(ErlangC.optimalEstimateMse(25, 0.9, 0.1)).isCloseTo(1.6, within(1e-12));
        // Independent check by the series: n waiting ahead ~ (1-rho) rho^n, Var(W | n) = (n+1)/(s mu)^2.
        int s = 4;
        double rho = 0.8;
        double mu = 0.25;
        double sum = 0;
        for (int n = 0; n < 2000; n++) {
            sum += (1 - rho) * Math.pow(rho, n) * (n + 1) / Math.pow(s * mu, 2);
        }
        assertThat(ErlangC.optimalEstimateMse(s, rho, mu)).isCloseTo(sum, within(1e-9));
    }

    private static double logFactorial(int n) {
        double r = 0;
        for (int i = 2; i <= n; i++) {
            r += Math.log(i);
        }
        return r;
    }
}
