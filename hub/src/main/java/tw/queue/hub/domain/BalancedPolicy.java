package tw.queue.hub.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import tw.queue.config.CounterDef;

/**
 * The office's call-next rule. Among the tickets a counter may serve:
 * <ol>
 *   <li>an online appointment that is due (within {@code appointmentLead} of its booked time, or late) goes
 *       first, earliest booking first; one that checked in early waits as if it had arrived at that time;</li>
 *   <li>everyone else by urgency: time waited over the service's target wait. Priority classes (65+,
 *       disability, pregnant or with infant) count as having waited {@code priorityCredit} longer, so they go
 *       ahead of those who came shortly before them but never starve anyone who has waited that much longer;</li>
 *   <li>the counter's own skills break near-ties: a ticket few open counters can serve, and the services the
 *       counter takes first, are worth {@code skillWindow} of waiting.</li>
 * </ol>
 * Any eligible ticket is always called, so no counter idles while work it may do waits.
 */
public final class BalancedPolicy implements CallNextPolicy {

    /**
     * @param targetWait the wait each service aims to stay within (the default and per-service overrides)
     * @param priorityCredit how much earlier a priority-class ticket counts as having arrived
     * @param appointmentLead how long before its booked time an appointment counts as due
     * @param skillWindow how much waiting a counter's skill fit is worth, at most
     */
    public record Settings(Duration targetWait, Map<String, Duration> serviceTargets, Duration priorityCredit,
                           Duration appointmentLead, Duration skillWindow) {
        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(15), Map.of(),
                Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(2));

        double targetSeconds(String service) {
            return serviceTargets.getOrDefault(service, targetWait).toSeconds();
        }
    }

    private final Settings settings;

    public BalancedPolicy(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "balanced";
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public Optional<Ticket> choose(OfficeState state, CounterDef counter, Instant now) {
        Ticket best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Ticket t : state.waiting()) {
            if (!counter.serves(t.service())) {
                continue;
            }
            double score = score(state, t, now) + skillFit(state, counter, t);
            if (best == null || score > bestScore
                    || (score == bestScore && t.queuedSince().isBefore(best.queuedSince()))) {
                best = t;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public Comparator<Ticket> queueOrder(OfficeState state, Instant now) {
        return Comparator.comparingDouble((Ticket t) -> -score(state, t, now))
                .thenComparing(Ticket::queuedSince).thenComparingInt(Ticket::number);
    }

    /** Due appointments score above everything; the rest by waiting time over the service's target. */
    private double score(OfficeState state, Ticket t, Instant now) {
        if (isDue(t, now)) {
            // Earlier bookings first among those due.
            return 1e9 - t.dueAt().getEpochSecond() / 1e3;
        }
        double waited = (now.toEpochMilli() - effectiveStart(t).toEpochMilli()) / 1000.0;
        if (t.priority().isPriority() && t.priority() != Priority.APPOINTMENT) {
            waited += settings.priorityCredit().toSeconds();
        }
        return waited / settings.targetSeconds(t.service());
    }

    private boolean isDue(Ticket t, Instant now) {
        return t.priority() == Priority.APPOINTMENT && t.dueAt() != null
                && !now.isBefore(t.dueAt().minus(settings.appointmentLead()));
    }

    /** An appointment that checked in early has been waiting only since shortly before its booked time. */
    private Instant effectiveStart(Ticket t) {
        if (t.priority() == Priority.APPOINTMENT && t.dueAt() != null) {
            Instant lead = t.dueAt().minus(settings.appointmentLead());
            return lead.isAfter(t.queuedSince()) ? lead : t.queuedSince();
        }
        return t.queuedSince();
    }

    /**
     * Up to {@code skillWindow} of waiting, in target units: half for how scarce the ticket's service is among
     * open counters, half for how early the counter lists the service.
     */
    private double skillFit(OfficeState state, CounterDef counter, Ticket t) {
        int able = 0;
        for (CounterState c : state.counters()) {
            if (c.isOpen() && state.office().counter(c.number()).map(d -> d.serves(t.service())).orElse(false)) {
                able++;
            }
        }
        double scarcity = able <= 1 ? 1.0 : 1.0 / able;
        int rank = counter.services().indexOf(t.service());
        double preference = 1.0 - (double) rank / Math.max(1, counter.services().size());
        return settings.skillWindow().toSeconds() * (scarcity + preference) / 2.0 / settings.targetSeconds(t.service());
    }
}
