package tw.queue.hub.sim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import org.hipparchus.distribution.continuous.TDistribution;
import tw.queue.domain.TicketStatus;
import tw.queue.hub.stats.Percentile;

/**
 * Pure statistics over simulated days.
 *
 * <p>Method: every metric is first computed for each seed (one simulated day) on its own, then the
 * per-seed values are summarised as a {@link Metric}: their mean and the half-width of a 95% confidence
 * interval for that mean, {@code t(0.975, n-1) * s / sqrt(n)} where {@code s} is the sample standard
 * deviation (n-1 denominator) of the per-seed values. A seed that has no value for a metric (e.g. no
 * called ticket of the class that day, so no wait percentiles) is left out of that metric; {@link
 * Metric#n()} says how many seeds contributed. With a single contributing seed the half-width is NaN.
 *
 * <p>Definitions (per seed, per class, where the class is a service id or {@link #OVERALL}):
 *
 * <ul>
 *   <li>waits: {@code actualWait} of tickets that have one (i.e. were called), in minutes;
 *   <li>percentiles: {@link Percentile} (Hyndman-Fan type 7), as the hub's live day statistics;
 *   <li>probability of waiting: share of called tickets with {@code actualWait > 0.5 s};
 *   <li>served within 10/15/20 minutes: share of called tickets with {@code actualWait <= 600/900/1200 s};
 *   <li>abandonment: tickets whose citizen left (outcome cancelled) / all tickets of the class;
 *   <li>utilisation ("overall" only): busySeconds/openSeconds per counter (counters with no open time are
 *       skipped), mean over counters; spread = population standard deviation over the same counters;
 *   <li>idle-while-eligible ("overall" only): sum over counters, in minutes;
 *   <li>estimators: over tickets with both the estimate and {@code actualWait}, error = estimate - actual:
 *       bias = mean error, MAE = mean |error|, RMSE = sqrt(mean error²), all in minutes; too-low share =
 *       share with actual - estimate &gt; 300 s. Computed for {@code estimateAtIssue} and for {@code
 *       naiveEstimateAtIssue}.
 * </ul>
 */
public final class SimStatistics {

    /** Key of the row over all services. */
    public static final String OVERALL = "overall";

    /** Rows that group by priority class rather than service are named {@code priority:<class>}. */
    public static final String PRIORITY_PREFIX = "priority:";

    /** Wait above which a ticket counts as having waited, seconds. */
    public static final double WAITED_THRESHOLD_SECONDS = 0.5;

    /** An estimate is "too low" when the actual wait exceeds it by more than this, seconds. */
    public static final double TOO_LOW_SECONDS = 300;

    private SimStatistics() {}

    /** Indices into a per-seed value vector. */
    private enum K {
        TICKETS, CALLED, WAIT_MEAN, P50, P90, P95, MAX, P_WAIT, W10, W15, W20, ABANDON,
        UTIL, UTIL_SD, IDLE,
        E_N, E_BIAS, E_MAE, E_RMSE, E_LOW,
        N_N, N_BIAS, N_MAE, N_RMSE, N_LOW
    }

    /**
     * Summarises a run.
     *
     * @param policy name of the run, carried into the summary
     * @param results one entry per seed (warm-up already removed)
     * @return per service class (sorted by service id) and "overall", in that order
     */
    public static SimSummary summarize(String policy, List<SeedResult> results) {
        Objects.requireNonNull(results, "results");
        TreeSet<String> services = new TreeSet<>();
        for (SeedResult r : results) {
            for (TicketRecord t : tickets(r)) {
                services.add(serviceOf(t));
            }
        }
        services.remove(OVERALL); // would clash with the overall row; such tickets still count in it
        TreeSet<String> priorities = new TreeSet<>();
        for (SeedResult r : results) {
            for (TicketRecord t : tickets(r)) {
                if (t.priority() != null) {
                    priorities.add(t.priority());
                }
            }
        }
        Map<String, ClassStats> byClass = new LinkedHashMap<>();
        for (String service : services) {
            byClass.put(service, classStats(results, t -> service.equals(serviceOf(t)), false));
        }
        if (priorities.size() > 1) {
            // The same tickets again by priority class: what the office's rules do for each group.
            for (String priority : priorities) {
                byClass.put(PRIORITY_PREFIX + priority, classStats(results, t -> priority.equals(t.priority()), false));
            }
        }
        byClass.put(OVERALL, classStats(results, t -> true, true));
        return new SimSummary(policy, results.size(), Collections.unmodifiableMap(byClass));
    }

    private static ClassStats classStats(List<SeedResult> results, java.util.function.Predicate<TicketRecord> member,
                                         boolean overall) {
        int nk = K.values().length;
        List<double[]> perSeed = new ArrayList<>(results.size());
        for (SeedResult r : results) {
            perSeed.add(seedValues(r, member, overall));
        }
        Metric[] m = new Metric[nk];
        for (K k : K.values()) {
            double[] xs = new double[perSeed.size()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = perSeed.get(i)[k.ordinal()];
            }
            m[k.ordinal()] = metric(xs);
        }
        return new ClassStats(
                m[K.TICKETS.ordinal()], m[K.CALLED.ordinal()],
                m[K.WAIT_MEAN.ordinal()], m[K.P50.ordinal()], m[K.P90.ordinal()], m[K.P95.ordinal()],
                m[K.MAX.ordinal()], m[K.P_WAIT.ordinal()],
                m[K.W10.ordinal()], m[K.W15.ordinal()], m[K.W20.ordinal()],
                m[K.ABANDON.ordinal()],
                overall ? m[K.UTIL.ordinal()] : null,
                overall ? m[K.UTIL_SD.ordinal()] : null,
                overall ? m[K.IDLE.ordinal()] : null,
                new EstimatorStats(m[K.E_N.ordinal()], m[K.E_BIAS.ordinal()], m[K.E_MAE.ordinal()],
                        m[K.E_RMSE.ordinal()], m[K.E_LOW.ordinal()]),
                new EstimatorStats(m[K.N_N.ordinal()], m[K.N_BIAS.ordinal()], m[K.N_MAE.ordinal()],
                        m[K.N_RMSE.ordinal()], m[K.N_LOW.ordinal()]));
    }

    /** Per-seed values of one class; NaN where the seed has no value. */
    private static double[] seedValues(SeedResult r, java.util.function.Predicate<TicketRecord> member,
                                       boolean overall) {
        double[] v = new double[K.values().length];
        Arrays.fill(v, Double.NaN);
        List<TicketRecord> ts = new ArrayList<>();
        for (TicketRecord t : tickets(r)) {
            if (member.test(t)) {
                ts.add(t);
            }
        }
        v[K.TICKETS.ordinal()] = ts.size();

        double[] waits = ts.stream().map(TicketRecord::actualWait).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).sorted().toArray();
        v[K.CALLED.ordinal()] = waits.length;
        if (waits.length > 0) {
            double sum = 0;
            for (double w : waits) {
                sum += w;
            }
            v[K.WAIT_MEAN.ordinal()] = sum / waits.length / 60;
            v[K.P50.ordinal()] = percentile(waits, 0.50) / 60;
            v[K.P90.ordinal()] = percentile(waits, 0.90) / 60;
            v[K.P95.ordinal()] = percentile(waits, 0.95) / 60;
            v[K.MAX.ordinal()] = waits[waits.length - 1] / 60;
            v[K.P_WAIT.ordinal()] = share(waits, w -> w > WAITED_THRESHOLD_SECONDS);
            v[K.W10.ordinal()] = share(waits, w -> w <= 600);
            v[K.W15.ordinal()] = share(waits, w -> w <= 900);
            v[K.W20.ordinal()] = share(waits, w -> w <= 1200);
        }
        if (!ts.isEmpty()) {
            long abandoned = ts.stream().filter(t -> TicketStatus.CANCELLED.wire().equals(t.outcome())).count();
            v[K.ABANDON.ordinal()] = (double) abandoned / ts.size();
        }

        if (overall) {
            List<CounterRecord> cs = r.counters() == null ? List.of() : r.counters();
            List<Double> utils = new ArrayList<>();
            double idle = 0;
            for (CounterRecord c : cs) {
                if (c.openSeconds() > 0) {
                    utils.add(c.busySeconds() / c.openSeconds());
                }
                idle += c.idleWhileEligibleSeconds();
            }
            if (!utils.isEmpty()) {
                double mean = utils.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                double ss = 0;
                for (double u : utils) {
                    ss += (u - mean) * (u - mean);
                }
                v[K.UTIL.ordinal()] = mean;
                v[K.UTIL_SD.ordinal()] = Math.sqrt(ss / utils.size());
            }
            if (!cs.isEmpty()) {
                v[K.IDLE.ordinal()] = idle / 60;
            }
        }

        estimator(ts, TicketRecord::estimateAtIssue, v, K.E_N);
        estimator(ts, TicketRecord::naiveEstimateAtIssue, v, K.N_N);
        return v;
    }

    /** The share of the waits (not empty) for which {@code p} holds. */
    private static double share(double[] waits, DoublePredicate p) {
        return Arrays.stream(waits).filter(p).count() / (double) waits.length;
    }

    /** Fills count, bias, MAE, RMSE and too-low share at the five indices starting at {@code first}. */
    private static void estimator(List<TicketRecord> ts, Function<TicketRecord, Double> estimate,
            double[] v, K first) {
        int n = 0;
        double sum = 0;
        double abs = 0;
        double sq = 0;
        int low = 0;
        for (TicketRecord t : ts) {
            Double e = estimate.apply(t);
            Double a = t.actualWait();
            if (e == null || a == null) {
                continue;
            }
            double err = e - a;
            n++;
            sum += err;
            abs += Math.abs(err);
            sq += err * err;
            if (a - e > TOO_LOW_SECONDS) {
                low++;
            }
        }
        int i = first.ordinal();
        v[i] = n;
        if (n > 0) {
            v[i + 1] = sum / n / 60;
            v[i + 2] = abs / n / 60;
            v[i + 3] = Math.sqrt(sq / n) / 60;
            v[i + 4] = (double) low / n;
        }
    }

    /**
     * Summarises per-seed values: mean and 95% confidence half-width (Student t with n-1 degrees of
     * freedom), ignoring NaN entries.
     */
    public static Metric metric(double... perSeed) {
        double sum = 0;
        int n = 0;
        for (double x : perSeed) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        if (n == 0) {
            return Metric.NONE;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Metric(mean, Double.NaN, 1);
        }
        double ss = 0;
        for (double x : perSeed) {
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        return new Metric(mean, tQuantile975(n - 1) * sd / Math.sqrt(n), n);
    }

    /** The 0.975 quantile of Student's t with {@code df} degrees of freedom (two-sided 95%), from Hipparchus. */
    public static double tQuantile975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1: " + df);
        }
        return new TDistribution(df).inverseCumulativeProbability(0.975);
    }

    /** The p-quantile of sorted data: {@link Percentile#of}, the one definition the live statistics use too. */
    public static double percentile(double[] sorted, double p) {
        return Percentile.of(sorted, p);
    }

    private static List<TicketRecord> tickets(SeedResult r) {
        return r.tickets() == null ? List.of() : r.tickets();
    }

    private static String serviceOf(TicketRecord t) {
        return t.service() == null ? "" : t.service();
    }
}
