package tw.queue.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tw.queue.config.CounterDef;
import tw.queue.config.OfficeConfig;
import tw.queue.config.ServiceDef;

/**
 * Earliest due time first, with the due time fixed when the ticket is issued: issue time + the service's
 * target − {@code priorityCredit} for a priority class. A service's target is {@code scale} × how much longer
 * it takes than the quickest service, at most {@code cap}, so quick errands go before long ones that came a
 * moment earlier, but never by more than {@code cap}. An online appointment goes first from its booked time
 * (before it, it ranks as a walk-in arriving then). A ticket only this open counter can serve (the Turning
 * Point counter's cases) comes first at that counter, before other services' due appointments.
 *
 * <p>Because every due time is fixed at issue, the order between two waiting tickets never changes as time
 * passes; earliest-due-date minimises the largest lateness (wait − target), so no service's tail runs away.
 *
 * <p>Places held for quick errands: a walk-in is told, in its "ahead", how many later quick errands are
 * expected to go before it ({@code reserved}, from the recent arrival rates, worked out by the estimator and
 * recorded at issue). Each quick errand that does go before it uses one; once they are used up, later quick
 * errands rank behind it. So a waiting ticket's "ahead" never grows, except when someone with a real claim
 * (a priority class, a due appointment) goes before it.
 */
public final class FairPolicy implements CallNextPolicy {

    /**
     * @param scale target minutes per minute of expected service time beyond the quickest service's
     * @param priorityCredit how much earlier a priority-class ticket (65+, disability, pregnant or with infant) is due
     * @param cap the largest target
     */
    public record Settings(double scale, Duration priorityCredit, Duration cap) {
        public static final double DEFAULT_SCALE = 0.25;

        public static Settings forOffice() {
            return new Settings(DEFAULT_SCALE, Duration.ofMinutes(5), Duration.ofHours(24));
        }
    }

    private final Settings settings;
    private final Map<String, Double> targetSeconds = new HashMap<>();

    public FairPolicy(Settings settings, OfficeConfig office) {
        this.settings = settings;
        double shortest = office.services().stream().mapToDouble(ServiceDef::expectedMinutes).min().orElse(0);
        for (ServiceDef s : office.services()) {
            targetSeconds.put(s.id(), Math.min(settings.scale() * (s.expectedMinutes() - shortest) * 60.0,
                    settings.cap().toSeconds()));
        }
    }

    @Override
    public String name() {
        return "fair";
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public boolean soleCounterFirst() {
        return true;
    }

    double target(String service) {
        return targetSeconds.getOrDefault(service, 0.0);
    }

    /** The due time a ticket would get on its own: issue (or booked) time + target − credit, epoch seconds. */
    private double naturalRank(String service, Priority priority, Instant start) {
        double due = start.toEpochMilli() / 1000.0 + target(service);
        if (priority.isPriority() && priority != Priority.APPOINTMENT) {
            due -= settings.priorityCredit().toSeconds();
        }
        return due;
    }

    /**
     * A walk-in without priority may go before a waiting ticket only while that one still holds a reserved
     * place: it ranks just behind the last one it would pass that has none left.
     */
    @Override
    public Double rankAtIssue(OfficeState state, String service, Priority priority, Instant dueAt, Instant now) {
        Instant start = priority == Priority.APPOINTMENT && dueAt != null && dueAt.isAfter(now) ? dueAt : now;
        double rank = naturalRank(service, priority, start);
        if (priority != Priority.NONE) {
            return rank;
        }
        double blocker = lastBlocker(state, service);
        return blocker > rank ? blocker + 1e-3 : rank;
    }

    /** The highest rank among waiting walk-ins sharing a counter with the service that hold no reserved place. */
    private double lastBlocker(OfficeState state, String service) {
        Map<String, Double> byService = blockersByService(state);
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Double> e : byService.entrySet()) {
            if (e.getValue() > max && state.shareCounters(service, e.getKey())) {
                max = e.getValue();
            }
        }
        return max;
    }

    /** Per service waiting, the highest rank of its walk-ins that hold no reserved place: one pass per state. */
    private Map<String, Double> blockersByService(OfficeState state) {
        return state.derived(List.of("fair-blockers", this), () -> {
            Map<String, Double> out = new HashMap<>();
            for (Ticket w : state.waiting()) {
                if (w.priority() == Priority.APPOINTMENT) {
                    continue;
                }
                OfficeState.Place p = state.place(w.id()).orElse(null);
                if (p == null || p.reserved() == 0) {
                    out.merge(w.service(), p != null ? p.rank() : rankOf(state, w), Math::max);
                }
            }
            return out;
        });
    }

    /** The ticket's rank: as recorded at issue, else its natural due time (a transferred ticket). */
    double rankOf(OfficeState state, Ticket t) {
        OfficeState.Place p = state.place(t.id()).orElse(null);
        if (p != null) {
            return p.rank();
        }
        if (t.id().isEmpty()) {
            // A stand-in for a newcomer ranks where it would be placed now.
            return standInRank(state, t);
        }
        return naturalRank(t.service(), t.priority(), Appointments.rankingStart(t));
    }

    private record StandIn(OfficeState state, long version, String service, Priority priority, Instant dueAt,
                           Instant at, double rank) {
    }

    /** Stand-ins' ranks, kept while the state has not moved (the estimator asks for them often). */
    private final ThreadLocal<java.util.List<StandIn>> standIns = ThreadLocal.withInitial(java.util.ArrayList::new);

    private double standInRank(OfficeState state, Ticket t) {
        java.util.List<StandIn> known = standIns.get();
        for (StandIn s : known) {
            if (s.state() == state && s.version() == state.version() && s.service().equals(t.service())
                    && s.priority() == t.priority() && java.util.Objects.equals(s.dueAt(), t.dueAt())
                    && s.at().equals(t.queuedSince())) {
                return s.rank();
            }
        }
        if (!known.isEmpty() && (known.get(0).state() != state || known.get(0).version() != state.version())) {
            known.clear();
        }
        double rank = rankAtIssue(state, t.service(), t.priority(), t.dueAt(), t.queuedSince());
        known.add(new StandIn(state, state.version(), t.service(), t.priority(), t.dueAt(), t.queuedSince(), rank));
        return rank;
    }

    @Override
    public int reservedPlaces(OfficeState state, Ticket t, Instant now) {
        OfficeState.Place p = state.place(t.id()).orElse(null);
        if (p == null || p.reserved() == 0 || !t.isWaiting()) {
            return 0;
        }
        // Once no quick errand arriving now could rank before it, the places it held are no longer needed.
        double latest = p.rank() - now.toEpochMilli() / 1000.0;
        boolean open = state.office().services().stream()
                .anyMatch(s -> state.shareCounters(s.id(), t.service()) && target(s.id()) < latest);
        return open ? p.reserved() : 0;
    }

    @Override
    public Comparator<Ticket> queueOrder(OfficeState state, Instant now) {
        Map<String, Double> ranks = new HashMap<>();
        return Comparator.comparing((Ticket t) -> !Appointments.isDue(t, now))
                .thenComparingDouble(t -> Appointments.isDue(t, now)
                        ? Appointments.rankingStart(t).toEpochMilli() / 1000.0
                        : ranks.computeIfAbsent(t.id(), id -> rankOf(state, t)))
                // Equal ranks (one placed just behind another): the one issued first goes first.
                .thenComparing(Ticket::issuedAt).thenComparingInt(Ticket::number);
    }

    /**
     * A newcomer of {@code service} (no priority) arriving x seconds from now goes before t when
     * now + x + target(service) &lt; rank(t): for x below rank(t) − target(service) − now. Due appointments and
     * sole-counter cases are overtaken by no one.
     */
    @Override
    public double overtakingWindow(OfficeState state, Ticket t, String service, Instant now, double waitSeconds) {
        if (Appointments.isDue(t, now) || t.priority() == Priority.APPOINTMENT
                || state.countersFor(t.service()).size() == 1) {
            return 0;
        }
        double window = rankOf(state, t) - target(service) - now.toEpochMilli() / 1000.0;
        return Math.max(0, Math.min(waitSeconds, window));
    }

    @Override
    public Optional<Ticket> choose(OfficeState state, CounterDef counter, Instant now) {
        Comparator<Ticket> order = queueOrder(state, now);
        Ticket best = null;
        int bestClass = Integer.MAX_VALUE;
        for (Ticket t : state.waiting()) {
            if (!counter.serves(t.service())) {
                continue;
            }
            // What only this counter can serve first (a due appointment of it first of all), then due
            // appointments others could serve too, then the rest by rank: the Turning Point counter's own
            // cases are not held up by a registration appointment that 20 other counters may take.
            boolean sole = state.openCountersFor(t.service()).size() == 1;
            // At a sole counter an appointment checked in early is called if its booked time would come before
            // the case started instead would end: it is there, and waiting for it would keep it past its time.
            boolean due = Appointments.isDue(t, sole ? now.plusSeconds(
                    Math.round(state.serviceTimes().meanSeconds(t.service()))) : now);
            int cls = sole ? (due ? 0 : 1) : due ? 2 : 3;
            if (best == null || cls < bestClass || (cls == bestClass && order.compare(t, best) < 0)) {
                best = t;
                bestClass = cls;
            }
        }
        return Optional.ofNullable(best);
    }
}
