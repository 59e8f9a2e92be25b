package tw.queue.hub.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Expected wait from the work ahead and the rate at which the counters that can serve a ticket get free.
 *
 * <p>Those ahead are the waiting tickets the policy would call first. One that other counters can serve too
 * counts only for its share of counters in common: {@code |C(t) ∩ C(u)| / |C(u)|}, where C is the set of open
 * counters able to serve a service. The counters in C(t) free up at rate R = Σ 1/m, with m the recent mean
 * service time of what each is serving (or of t's service when idle). The ticket is called at the
 * (ahead + 1)-th departure, less any idle counters: wait = max(0, ahead + 1 - idle) / R. With one service
 * and s busy counters this is (n + 1) / (s μ), the best estimate for M/M/s.
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
    public WaitEstimate estimate(OfficeState state, Ticket ticket, Instant now) {
        if (!ticket.isWaiting()) {
            return new WaitEstimate(0, 0L);
        }
        return compute(state, ticket, now);
    }

    @Override
    public WaitEstimate forNewTicket(OfficeState state, String service, Priority priority, Instant now) {
        return compute(state, WaitEstimator.newcomer(service, priority, now), now);
    }

    private WaitEstimate compute(OfficeState state, Ticket t, Instant now) {
        List<Integer> mine = state.openCountersFor(t.service());
        Comparator<Ticket> order = policy.queueOrder(state, now);
        double shareAhead = 0;
        int ahead = 0;
        for (Ticket u : state.waiting()) {
            if (u.id().equals(t.id()) || order.compare(u, t) >= 0) {
                continue;
            }
            List<Integer> theirs = state.openCountersFor(u.service());
            int common = theirs == mine ? theirs.size() : 0;
            if (theirs != mine) {
                for (Integer c : theirs) {
                    if (mine.contains(c)) {
                        common++;
                    }
                }
            }
            if (common > 0) {
                ahead++;
                shareAhead += (double) common / theirs.size();
            }
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
        return new WaitEstimate(ahead, Math.round(departures / rate));
    }
}
