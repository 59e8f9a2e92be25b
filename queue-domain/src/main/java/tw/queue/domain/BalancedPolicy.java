package tw.queue.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import tw.queue.config.OfficeConfig;
import tw.queue.config.ServiceDef;
import java.util.Optional;
import tw.queue.config.CounterDef;

/**
 * The office's call-next rule. Among the tickets a counter may serve:
 * <ol>
 *   <li>an online appointment that is due (within {@code appointmentLead} of its booked time, or late) goes
 *       first, earliest booking first; one that checked in early waits as if it had arrived at that time;</li>
 *   <li>a ticket only this open counter can serve (the Turning Point counter's own cases) comes next;</li>
 *   <li>everyone else by urgency: time waited over the service's ranking target, which is in proportion to
 *       its expected service time, so quick errands do not queue behind long ones that arrived a moment
 *       earlier (fewer people wait, and waits stay short) while a long errand still rises steadily. Priority
 *       classes (65+, disability, pregnant or with infant) count as having waited {@code priorityCredit}
 *       longer, so they go ahead of those who came shortly before them but never starve anyone;</li>
 *   <li>the counter's own skills: a ticket few open counters can serve is worth {@code scarcityCredit} over
 *       their number, and the services the counter lists first up to {@code preferenceCredit}.</li>
 * </ol>
 * Any eligible ticket is always called, so no counter idles while work it may do waits.
 */
public final class BalancedPolicy implements CallNextPolicy {

    /**
     * @param targetWait the wait the office promises (15 minutes in the Xitun plan)
     * @param serviceTargets per service, the wait used to rank its tickets: shorter for quick services, so a
     *     six-minute transcript is not held behind a half-hour registration that arrived a moment earlier
     * @param priorityCredit how much earlier a priority-class ticket counts as having arrived
     * @param appointmentLead how long before its booked time an appointment counts as due
     * @param scarcityCredit how much waiting a ticket that few open counters can serve is worth at one of them
     * @param preferenceCredit how much waiting the counter's first-listed service is worth there
     */
    public record Settings(Duration targetWait, Map<String, Duration> serviceTargets, Duration priorityCredit,
                           Duration appointmentLead, Duration scarcityCredit, Duration preferenceCredit) {

        /** The office's settings: each service's ranking target in proportion to its expected service time. */
        public static Settings forOffice(OfficeConfig office) {
            Duration target = Duration.ofMinutes(15);
            double mean = office.services().stream().mapToDouble(ServiceDef::expectedMinutes).average().orElse(10);
            Map<String, Duration> targets = new HashMap<>();
            for (ServiceDef s : office.services()) {
                targets.put(s.id(), Duration.ofSeconds(Math.round(target.toSeconds() * s.expectedMinutes() / mean)));
            }
            // Appointments are due at their booked time (lead 0): earlier, they would push walk-ins back for
            // nothing, as the simulated Xitun day shows.
            return new Settings(target, targets, Duration.ofMinutes(5), Duration.ZERO,
                    Duration.ofMinutes(15), Duration.ofMinutes(1));
        }

        double targetSeconds(String service) {
            return serviceTargets.getOrDefault(service, targetWait).toSeconds();
        }
    }

    /** Above any waiting-time score, below a due appointment. */
    private static final double SOLE_COUNTER = 1e5;
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

    /**
     * A newcomer arriving x seconds from now is ahead of t at the call, W seconds from now, when
     * (W - x) / target(newcomer) > (W + age(t)) / target(t): for x < W - r (W + age) with r the ratio of
     * targets. Due appointments and sole-counter cases are overtaken by no one.
     */
    @Override
    public double overtakingWindow(OfficeState state, Ticket t, String service, Instant now, double waitSeconds) {
        if (isDue(t, now) || state.openCountersFor(t.service()).size() == 1) {
            return 0;
        }
        double score = score(state, t, now);
        double r = settings.targetSeconds(service) / settings.targetSeconds(t.service());
        double age = score * settings.targetSeconds(t.service());
        return Math.max(0, waitSeconds - r * (waitSeconds + age));
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
     * What the counter's skills add, in target units: {@code scarcityCredit} divided by how many open counters
     * can serve the ticket (a ticket only this counter can serve gets all of it), plus up to
     * {@code preferenceCredit} for the services the counter lists first.
     */
    private double skillFit(OfficeState state, CounterDef counter, Ticket t) {
        int able = Math.max(1, state.openCountersFor(t.service()).size());
        if (able == 1) {
            // Only this counter can serve it (the Turning Point counter): it comes first here.
            return SOLE_COUNTER;
        }
        int rank = counter.services().indexOf(t.service());
        double preference = 1.0 - (double) rank / Math.max(1, counter.services().size());
        double credit = settings.scarcityCredit().toSeconds() / able + settings.preferenceCredit().toSeconds() * preference;
        return credit / settings.targetSeconds(t.service());
    }
}
