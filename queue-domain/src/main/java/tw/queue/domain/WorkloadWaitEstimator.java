package tw.queue.domain;

import java.time.Instant;
import java.util.List;

/**
 * Expected wait from the work ahead and the rate at which the counters that can serve a ticket get free.
 *
 * <p>Those ahead are {@link QueuePosition}'s: the waiting tickets the policy calls first, each counted for
 * its share of open counters in common, plus the places the ticket holds for quick errands still to come.
 * The counters in C(t) free up at rate R = Σ 1/m, with m the recent mean service time of what each is
 * serving (or of t's service when idle). The ticket is called at the D-th departure, D = work ahead +
 * reserved + 1 − idle counters. Without anyone giving up that is D / R, which for one service and s busy
 * counters is (n + 1) / (s μ), the best estimate for M/M/s.
 *
 * <p>Under load citizens give up: today's rate θ (those who left, per second of waiting so far) shortens
 * the wait of those who stay. With j departures still to come, about j − 1 wait ahead, so the next step
 * takes 1 / (R + jθ) (departures, those ahead leaving, and, as only those called are measured, this
 * ticket's own staying): wait = Σ_{j=1..D} 1 / (R + jθ).
 *
 * <p>A ticket only one counter serves (the Turning Point counter) is estimated from that counter alone:
 * what is left of the current service (from the service's recent times, given how long it has run), then
 * the mean service time of each one ahead.
 *
 * <p>An online appointment not yet due is called at its booked time: the estimate is the time until then.
 * Under a policy without reserved places that lets later arrivals go first (the balanced policy's quick
 * errands), those expected to overtake at the recent arrival rates are added (at most half again).
 */
public final class WorkloadWaitEstimator implements WaitEstimator {
    private static final double MAX_OVERTAKING = 1.5;
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
        return compute(state, ticket, now, false);
    }

    @Override
    public WaitEstimate forNewTicket(OfficeState state, String service, Priority priority, Instant now) {
        return compute(state, WaitEstimator.newcomer(service, priority, now), now, true);
    }

    @Override
    public WaitEstimate forCheckIn(OfficeState state, String service, Instant dueAt, Instant now) {
        Ticket t = WaitEstimator.newcomer(service, Priority.APPOINTMENT, now);
        t = new Ticket(t.id(), t.number(), service, Priority.APPOINTMENT, t.channel(), null, now, now,
                TicketStatus.WAITING, null, null, 0, 0, null, dueAt);
        return compute(state, t, now, true);
    }

    private WaitEstimate compute(OfficeState state, Ticket t, Instant now, boolean newcomer) {
        QueuePosition.Position p = QueuePosition.of(state, policy, t, now);
        List<Integer> mine = state.openCountersFor(t.service());
        if (t.priority() == Priority.APPOINTMENT && t.dueAt() != null && t.dueAt().isAfter(now)) {
            // Called at its booked time (網路預約, 免等待).
            return result(p, p.ahead(), Math.max(0, t.dueAt().getEpochSecond() - now.getEpochSecond()), p.reserved());
        }
        if (mine.isEmpty()) {
            return result(p, p.ahead(), null, p.reserved());
        }
        double theta = state.abandonmentRate(now);
        if (mine.size() == 1 && state.countersFor(t.service()).size() == 1 && policy.soleCounterFirst()) {
            // Its own queue gives up at its own rate (those at one counter may wait far longer than the rest).
            double own = state.abandonmentRateWithPrior(t.service(), now, 3);
            double self = state.abandonmentRate(t.service(), now, 3);
            return result(p, p.ahead(), Math.round(soleCounter(state, t, mine.get(0), p, own, self, now)),
                    p.reserved());
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
        double[][] back = returning(state, t, now, rate / mine.size());
        if (newcomer && policy.rankAtIssue(state, t.service(), t.priority(), t.dueAt(), now) != null) {
            // Places the newcomer will hold for quick errands expected before its call.
            return withReserved(state, t, now, p, rate, idle, theta, back);
        }
        double departures = Math.max(0.0, p.workAhead() + p.reserved() * quickShare(state, t, now) + 1.0 - idle);
        double wait = phases(departures, rate, theta, back);
        if (departures > 0) {
            java.util.Set<Integer> mineSet = new java.util.HashSet<>(mine);
            for (int i = 0; i < 10; i++) {
                double next = phases(departures + appointmentsComing(state, t, now, mineSet, wait, false), rate, theta,
                        back);
                boolean done = Math.abs(next - wait) < 1;
                wait = next;
                if (done) {
                    break;
                }
            }
            departures += appointmentsComing(state, t, now, mineSet, wait, false);
        }
        if (p.reserved() == 0 && departures > 0) {
            wait = withOvertaking(state, t, now, departures, rate, theta, wait);
        }
        return result(p, p.ahead(), Math.round(wait), p.reserved());
    }

    private static WaitEstimate result(QueuePosition.Position p, int ahead, Long seconds, int reserved) {
        return new WaitEstimate(ahead, seconds, reserved, p.changedBecause(), p.changedAt());
    }

    private static WaitEstimate result(QueuePosition.Position p, int ahead, long seconds, int reserved) {
        return result(p, ahead, Long.valueOf(seconds), reserved);
    }

    /**
     * The share of counters in common with t of the quick errands that may take its reserved places: their
     * services' shares weighted by their recent arrival rates.
     */
    private double quickShare(OfficeState state, Ticket t, Instant now) {
        java.util.Set<Integer> mine = new java.util.HashSet<>(state.openCountersFor(t.service()));
        double n = 0;
        double work = 0;
        for (tw.queue.config.ServiceDef s : state.office().services()) {
            double lambda = state.claimlessArrivalRate(s.id(), now);
            if (lambda > 0 && state.shareCounters(s.id(), t.service())
                    && policy.overtakingWindow(state, t, s.id(), now, Double.MAX_VALUE) > 0) {
                n += lambda;
                work += lambda * QueuePosition.share(state, mine, s.id(), false);
            }
        }
        return n == 0 ? 1 : work / n;
    }

    /**
     * Online appointments that come due within the next {@code w} seconds and then go first: bookings not yet
     * checked in (times the share of today's bookings that come) and those checked in early that the policy
     * ranks behind t for now, each for its share of open counters in common with t ({@code sameService}: only
     * t's own service, as at a sole counter that takes its own cases first).
     */
    private double appointmentsComing(OfficeState state, Ticket t, Instant now, java.util.Set<Integer> mine, double w,
                                      boolean sameService) {
        if (t.priority() == Priority.APPOINTMENT || w <= 0) {
            return 0;
        }
        double from = now.toEpochMilli() / 1000.0;
        double until = from + w;
        double n = 0;
        double show = -1;
        for (OfficeState.Booking b : state.openBookings()) {
            double due = b.dueAt().toEpochMilli() / 1000.0;
            if (due > until) {
                break;
            }
            if (due <= from || (sameService ? !b.service().equals(t.service()) : !state.shareCounters(t.service(), b.service()))) {
                continue;
            }
            if (show < 0) {
                show = state.bookingShowRate(now, QueueEngine.APPOINTMENT_GRACE);
            }
            n += show * QueuePosition.share(state, mine, b.service(), false);
        }
        java.util.Comparator<Ticket> order = null;
        for (Ticket u : earlyAppointments(state)) {
            double due = u.dueAt().toEpochMilli() / 1000.0;
            if (due <= from || due > until || u.id().equals(t.id())
                    || (sameService ? !u.service().equals(t.service()) : !state.shareCounters(t.service(), u.service()))) {
                continue;
            }
            if (order == null) {
                order = policy.queueOrder(state, now);
            }
            if (order.compare(u, t) > 0) {
                n += QueuePosition.share(state, mine, u.service(), false);
            }
        }
        return n;
    }

    /** Waiting online appointments checked in before their booked time (kept until the state moves). */
    private static List<Ticket> earlyAppointments(OfficeState state) {
        return state.derived("early-appointments", () -> state.waiting().stream()
                .filter(u -> u.priority() == Priority.APPOINTMENT && u.dueAt() != null
                        && u.dueAt().isAfter(u.queuedSince()))
                .toList());
    }

    /**
     * The paused counters able to serve t, each as {seconds until its clerk is back, departures per second once
     * back, {@code mu}: as the open counters' now, since it will take the same mix of work}: a pause is expected to last as long as today's ended pauses did on average (a lunch turn), so a
     * counter whose clerk is at lunch counts from the expected return, not as gone for good (before any pause
     * of today has ended there is nothing to go by, and it counts as gone).
     */
    private static double[][] returning(OfficeState state, Ticket t, Instant now, double mu) {
        double typical = state.meanPauseSeconds();
        if (Double.isNaN(typical)) {
            return NONE_BACK;
        }
        List<Integer> paused = state.pausedCountersFor(t.service());
        if (paused.isEmpty()) {
            return NONE_BACK;
        }
        double[][] out = new double[paused.size()][];
        for (int i = 0; i < out.length; i++) {
            double away = (now.toEpochMilli() - state.pausedSince(paused.get(i)).orElse(now).toEpochMilli()) / 1000.0;
            out[i] = new double[] {Math.max(0, typical - away), mu};
        }
        return out;
    }

    private static final double[][] NONE_BACK = new double[0][];

    /**
     * The wait W for D departures when paused counters come back on the way: W = phases(D − Σ_c μ_c (W − r_c)⁺),
     * the departures of counters back after r_c taken off those the open counters must make (W found by
     * bisection; the right side falls as W grows).
     */
    static double phases(double departures, double rate, double theta, double[][] back) {
        double alone = phases(departures, rate, theta);
        if (back.length == 0 || alone == 0) {
            return alone;
        }
        double lo = 0;
        double hi = alone;
        for (int i = 0; i < 40 && hi - lo > 0.5; i++) {
            double w = (lo + hi) / 2;
            double theirs = 0;
            for (double[] c : back) {
                theirs += Math.max(0, w - c[0]) * c[1];
            }
            if (w < phases(Math.max(0, departures - theirs), rate, theta)) {
                lo = w;
            } else {
                hi = w;
            }
        }
        return (lo + hi) / 2;
    }

    /** Σ_{j=1..D} 1 / (R + jθ), the fractional last step in proportion; D / R without anyone leaving. */
    static double phases(double departures, double rate, double theta) {
        if (theta <= 0) {
            return departures / rate;
        }
        if (departures > 20) {
            // The sum by the midpoint rule: (1/θ) ln((R + (D + ½)θ) / (R + ½θ)), within a fraction of a percent.
            return Math.log((rate + (departures + 0.5) * theta) / (rate + 0.5 * theta)) / theta;
        }
        double wait = 0;
        int whole = (int) Math.floor(departures);
        for (int j = 1; j <= whole; j++) {
            wait += 1.0 / (rate + j * theta);
        }
        double frac = departures - whole;
        if (frac > 0) {
            wait += frac / (rate + (whole + 1) * theta);
        }
        return wait;
    }

    /**
     * At one counter: what is left of the current service, given how long it has run (from the service's
     * recent times), then each one ahead in turn; each step shortened by those ahead leaving at rate θ.
     */
    private double soleCounter(OfficeState state, Ticket t, int counter, QueuePosition.Position p, double theta,
                               double self, Instant now) {
        Ticket current = state.currentAt(counter).orElse(null);
        double first = 0;
        if (current != null) {
            double elapsed = Math.max(0, (now.toEpochMilli() - current.calledAt().toEpochMilli()) / 1000.0);
            first = state.serviceTimes().remainingSeconds(current.service(), elapsed);
        }
        double mean = state.serviceTimes().meanSeconds(t.service());
        // Its own service's appointments coming due while it waits go first there.
        java.util.Set<Integer> mineSet = java.util.Set.of(counter);
        double coming = 0;
        for (int i = 0; i < 10; i++) {
            double w = first + (p.ahead() + coming) * mean;
            double next = appointmentsComing(state, t, now, mineSet, w, true);
            if (Math.abs(next - coming) < 0.5) {
                coming = next;
                break;
            }
            coming = next;
        }
        int n = p.ahead() + (int) Math.round(coming);
        // Step j (j = n+1 .. 1 departures still to come): j − 1 ahead may leave (at θ, with the prior while its
        // queue has told little), and so may this ticket (at what is measured only: the prior is for those who
        // have waited long, and this one has just come).
        double wait = first <= 0 ? 0 : 1.0 / (1.0 / first + n * theta + self);
        for (int j = n; j >= 1; j--) {
            wait += 1.0 / (1.0 / mean + (j - 1) * theta + self);
        }
        // Those called there lately waited no longer than this (the rest gave up first): the estimate, which is
        // for those who stay, is held to it.
        double longest = longestRecentWait(state, t.service());
        return Double.isNaN(longest) ? wait : Math.min(wait, Math.max(longest, first));
    }

    /** The longest wait of the last ten walk-ins of a service called today; NaN until five are known. */
    private static double longestRecentWait(OfficeState state, String service) {
        return state.derived(List.of("longest-recent-wait", service), () -> {
            java.util.PriorityQueue<Ticket> last = new java.util.PriorityQueue<>(
                    java.util.Comparator.comparing(Ticket::calledAt));
            for (Ticket u : state.tickets()) {
                if (u.calledAt() != null && u.service().equals(service) && u.priority() != Priority.APPOINTMENT
                        && u.transfers() == 0) {
                    last.add(u);
                    if (last.size() > 10) {
                        last.poll();
                    }
                }
            }
            if (last.size() < 5) {
                return Double.NaN;
            }
            double max = 0;
            for (Ticket u : last) {
                max = Math.max(max, (u.calledAt().toEpochMilli() - u.queuedSince().toEpochMilli()) / 1000.0);
            }
            return max;
        });
    }

    /**
     * A newcomer under a policy with reserved places: W R = D + E(W), E the quick errands expected to go
     * before it while it waits at the recent arrival rates (walk-ins without priority); it holds round(E)
     * places. Solved by iteration.
     */
    private WaitEstimate withReserved(OfficeState state, Ticket t, Instant now, QueuePosition.Position p,
                                      double rate, int idle, double theta, double[][] back) {
        double base = Math.max(0.0, p.workAhead() + 1.0 - idle);
        if (base == 0) {
            // Called at once: no one will come in time to go first.
            return result(p, p.ahead(), 0L, 0);
        }
        double wait = phases(base, rate, theta, back);
        double expected = 0;
        java.util.Set<Integer> mine = new java.util.HashSet<>(state.openCountersFor(t.service()));
        // Per service that may go before it: arrival rate, share of counters in common, and for how long
        // from now its newcomers still rank before this one (the window is that, cut at the wait).
        List<tw.queue.config.ServiceDef> services = state.office().services();
        double[] lambda = new double[services.size()];
        double[] shares = new double[services.size()];
        double[] until = new double[services.size()];
        for (int k = 0; k < lambda.length; k++) {
            String s = services.get(k).id();
            if (state.shareCounters(s, t.service())) {
                lambda[k] = state.claimlessArrivalRate(s, now);
                shares[k] = QueuePosition.share(state, mine, s, false);
                until[k] = lambda[k] > 0 ? policy.overtakingWindow(state, t, s, now, Double.MAX_VALUE) : 0;
            }
        }
        for (int i = 0; i < 10; i++) {
            expected = 0;
            double work = 0;
            for (int k = 0; k < lambda.length; k++) {
                if (lambda[k] > 0) {
                    double n = lambda[k] * Math.min(until[k], wait);
                    expected += n;
                    work += n * shares[k];
                }
            }
            double next = phases(base + work * Math.round(expected) / Math.max(expected, 1e-9)
                    + appointmentsComing(state, t, now, mine, wait, false), rate, theta, back);
            if (Math.abs(next - wait) < 1) {
                wait = next;
                break;
            }
            wait = next;
        }
        int reserved = (int) Math.round(expected);
        return result(p, p.ahead() + reserved, Math.round(wait), reserved);
    }

    /**
     * Those who arrive later but are called first (quick errands under the balanced policy) add to the wait:
     * W R = D + Σ_s λ_s share_s window_s(W), solved by iteration (the right side grows slower than the left
     * while the office keeps up).
     */
    private double withOvertaking(OfficeState state, Ticket t, Instant now, double departures, double rate,
                                  double theta, double wait) {
        List<Integer> mine = state.openCountersFor(t.service());
        java.util.Set<Integer> mineSet = new java.util.HashSet<>(mine);
        for (int i = 0; i < 30; i++) {
            double extra = 0;
            for (tw.queue.config.ServiceDef s : state.office().services()) {
                double lambda = state.arrivalRate(s.id(), now);
                if (lambda == 0) {
                    continue;
                }
                double share = QueuePosition.share(state, mineSet, s.id(), false);
                if (share > 0) {
                    extra += lambda * share * policy.overtakingWindow(state, t, s.id(), now, wait);
                }
            }
            // Overtakers add at most half again: beyond that the arrival rates seen lately say little.
            double next = Math.min(phases(departures + extra, rate, theta), MAX_OVERTAKING * phases(departures, rate, theta));
            if (Math.abs(next - wait) < 1) {
                return next;
            }
            wait = next;
        }
        return wait;
    }
}
