package tw.queue.hub.sim.report;

/**
 * The M/M/s queue (Erlang C): Poisson arrivals at rate λ, exponential service at rate μ per server, s
 * servers, first come first served, nobody leaves. Rates may be in any time unit; waits come out in that
 * unit's reciprocal (rates per minute give minutes).
 *
 * <p>Numerically stable for hundreds of servers: Erlang B is computed with the recursion
 * B(0) = 1, B(k) = a·B(k-1) / (k + a·B(k-1)) (a = λ/μ, the offered load in erlangs), which never forms
 * a^s or s!, and then C = B / (1 - ρ(1 - B)) with ρ = a/s.
 *
 * <p>When ρ &gt;= 1 the queue has no steady state: every customer waits ({@code probabilityOfWaiting}
 * = 1) and the mean wait is infinite.
 */
public final class ErlangC {

    private ErlangC() {}

    /** Erlang B: the blocking probability of M/M/s/s with offered load {@code offeredLoad} = λ/μ erlangs. */
    public static double erlangB(int servers, double offeredLoad) {
        checkServers(servers);
        if (!(offeredLoad >= 0) || Double.isInfinite(offeredLoad)) {
            throw new IllegalArgumentException("offered load must be finite and >= 0: " + offeredLoad);
        }
        double b = 1;
        for (int k = 1; k <= servers; k++) {
            b = offeredLoad * b / (k + offeredLoad * b);
        }
        return b;
    }

    /** ρ = λ/(sμ), the utilisation of each server. */
    public static double utilisation(int servers, double arrivalRate, double serviceRate) {
        checkRates(servers, arrivalRate, serviceRate);
        return arrivalRate / (servers * serviceRate);
    }

    /** Erlang C: the probability that an arriving customer has to wait, P(W &gt; 0). */
    public static double probabilityOfWaiting(int servers, double arrivalRate, double serviceRate) {
        double rho = utilisation(servers, arrivalRate, serviceRate);
        if (rho >= 1) {
            return 1;
        }
        double b = erlangB(servers, arrivalRate / serviceRate);
        return b / (1 - rho * (1 - b));
    }

    /** Mean wait in queue Wq = C / (sμ - λ), in the time unit of 1/rate; +∞ when ρ &gt;= 1. */
    public static double meanWait(int servers, double arrivalRate, double serviceRate) {
        double rho = utilisation(servers, arrivalRate, serviceRate);
        if (rho >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return probabilityOfWaiting(servers, arrivalRate, serviceRate)
                / (servers * serviceRate - arrivalRate);
    }

    /**
     * P(W &gt; t) = C · e^{-(sμ - λ)t}: the probability of waiting longer than {@code t}; 1 when ρ &gt;= 1.
     */
    public static double probabilityWaitExceeds(int servers, double arrivalRate, double serviceRate, double t) {
        if (utilisation(servers, arrivalRate, serviceRate) >= 1 || t < 0) {
            return 1;
        }
        return probabilityOfWaiting(servers, arrivalRate, serviceRate)
                * Math.exp(-(servers * serviceRate - arrivalRate) * t);
    }

    /** Service level P(W &lt;= t) = 1 - P(W &gt; t). */
    public static double serviceLevel(int servers, double arrivalRate, double serviceRate, double t) {
        return 1 - probabilityWaitExceeds(servers, arrivalRate, serviceRate, t);
    }

    /**
     * The mean squared error of the best possible wait estimate over customers who wait. A customer who
     * finds all servers busy and n others waiting waits for n+1 service completions at rate sμ, i.e. an
     * Erlang(n+1, sμ) time, whose mean (n+1)/(sμ) is the best estimate given n and whose variance
     * (n+1)/(sμ)² is the error left; n is geometric with P(n) = (1-ρ)ρⁿ, so E[n+1] = 1/(1-ρ) and the MSE
     * is 1 / ((1-ρ)(sμ)²). Its square root is the lowest RMSE any estimator that knows only the queue
     * length can reach.
     *
     * @param load ρ = λ/(sμ), the per-server utilisation, in [0, 1)
     * @return the MSE in (time unit of 1/rate)²; +∞ when load &gt;= 1
     */
    public static double optimalEstimateMse(int servers, double load, double serviceRate) {
        checkServers(servers);
        if (!(serviceRate > 0) || Double.isInfinite(serviceRate)) {
            throw new IllegalArgumentException("service rate must be finite and > 0: " + serviceRate);
        }
        if (!(load >= 0)) {
            throw new IllegalArgumentException("load must be >= 0: " + load);
        }
        if (load >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double sMu = servers * serviceRate;
        return 1 / ((1 - load) * sMu * sMu);
    }

    private static void checkServers(int servers) {
        if (servers < 1) {
            throw new IllegalArgumentException("servers must be >= 1: " + servers);
        }
    }

    private static void checkRates(int servers, double arrivalRate, double serviceRate) {
        checkServers(servers);
        if (!(arrivalRate >= 0) || Double.isInfinite(arrivalRate)) {
            throw new IllegalArgumentException("arrival rate must be finite and >= 0: " + arrivalRate);
        }
        if (!(serviceRate > 0) || Double.isInfinite(serviceRate)) {
            throw new IllegalArgumentException("service rate must be finite and > 0: " + serviceRate);
        }
    }
}
