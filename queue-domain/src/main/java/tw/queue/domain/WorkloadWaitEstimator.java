package tw.queue.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expected wait from the work ahead and the rate at which the counters that can serve a ticket get free.
 *
 * <p>Those ahead are the waiting tickets the policy would call first. One that other counters can serve too
 * counts only for its share of counters in common: {@code |C(t) ∩ C(u)| / |C(u)|}, where C is the set of open
 * counters able to serve a service. The counters in C(t) free up at rate R = Σ 1/m, with m the recent mean
 * service time of what each is serving (or of t's service when idle). The ticket is called at the
 * (ahead + 1)-th departure, less any idle counters: wait = max(0, ahead + 1 - idle) / R. With one service
 * and s busy counters this is (n + 1) / (s μ), the best estimate for M/M/s. Under a policy that lets later
 * arrivals go first (quick errands under the balanced policy), those expected to overtake at the recent
 * arrival rates are added.
 */
public final class WorkloadWaitEstimator implements WaitEstimator {
    private final CallNextPolicy policy;

    public WorkloadWaitEstimator(CallNextPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "workload";
    }

    @Override
    public WaitEstimate whileWaiting(OfficeState state, Ticket ticket, Instant now) {
        return compute(state, ticket, now);
    }

    @Override
    public WaitEstimate forNewTicket(OfficeState state, String service, Priority priority, Instant now) {
        return compute(state, WaitEstimator.newcomer(service, priority, now), now);
    }

    private WaitEstimate compute(OfficeState state, Ticket t, Instant now) {
        List<Integer> mine = state.openCountersFor(t.service());
        // Each service's share of counters in common with t's, worked out once per service, not per ticket.
        Map<String, Double> shareOf = new HashMap<>();
        Comparator<Ticket> order = policy.queueOrder(state, now);
        double shareAhead = 0;
        int ahead = 0;
        for (Ticket u : state.waiting()) {
            double share = shareOf.computeIfAbsent(u.service(), s -> commonShare(state, mine, s));
            if (share == 0 || u.id().equals(t.id()) || order.compare(u, t) >= 0) {
                continue;
            }
            ahead++;
            shareAhead += share;
        }
        if (mine.isEmpty()) {
            return new WaitEstimate(ahead, null);
        }
        double rate = 0;
        int idle = 0;
        for (Integer c : mine) {
            String serving = state.currentAt(c).map(Ticket::service).orElse(null);
            if (serving == null) {
                idle++;
            }
            rate += 1.0 / state.serviceTimes().meanSeconds(serving != null ? serving : t.service());
        }
        double departures = Math.max(0.0, shareAhead + 1.0 - idle);
        return new WaitEstimate(ahead, Math.round(withOvertaking(state, t, now, departures, rate, shareOf, mine)));
    }

    /**
     * Those who arrive later but are called first (quick errands under the balanced policy) add to the wait:
     * W R = D + Σ_s λ_s share_s window_s(W), solved by iteration (the right side grows slower than the left
     * while the office keeps up).
     */
    private double withOvertaking(OfficeState state, Ticket t, Instant now, double departures, double rate,
                                  Map<String, Double> shareOf, List<Integer> mine) {
        double wait = departures / rate;
        if (departures == 0) {
            return 0;
        }
        for (int i = 0; i < 30; i++) {
            double extra = 0;
            for (tw.queue.config.ServiceDef s : state.office().services()) {
                double lambda = state.arrivalRate(s.id(), now);
                if (lambda == 0) {
                    continue;
                }
                double share = shareOf.computeIfAbsent(s.id(), id -> commonShare(state, mine, id));
                if (share > 0) {
                    extra += lambda * share * policy.overtakingWindow(state, t, s.id(), now, wait);
                }
            }
            // Overtakers add at most half again: beyond that the arrival rates seen lately say little.
            double next = Math.min((departures + extra) / rate, MAX_OVERTAKING * departures / rate);
            if (Math.abs(next - wait) < 1) {
                return next;
            }
            wait = next;
        }
        return wait;
    }

    private static final double MAX_OVERTAKING = 1.5;

    /** |C(t) ∩ C(u)| / |C(u)| for the open counters able to serve each service. */
    private static double commonShare(OfficeState state, List<Integer> mine, String service) {
        List<Integer> theirs = state.openCountersFor(service);
        if (theirs.isEmpty() || mine.isEmpty()) {
            return 0;
        }
        if (theirs == mine) {
            return 1;
        }
        Set<Integer> mineSet = new HashSet<>(mine);
        int common = 0;
        for (Integer c : theirs) {
            if (mineSet.contains(c)) {
                common++;
            }
        }
        return (double) common / theirs.size();
    }
}
