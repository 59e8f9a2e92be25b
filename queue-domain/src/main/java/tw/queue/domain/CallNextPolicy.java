package tw.queue.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import tw.queue.config.CounterDef;

/** Chooses which waiting ticket a counter calls next. */
public interface CallNextPolicy {

    /** The name it is selected by ({@code --policy NAME}). */
    String name();

    Optional<Ticket> choose(OfficeState state, CounterDef counter, Instant now);

    /**
     * The order in which, at this moment, the policy would call waiting tickets, leaving aside which counter
     * calls: what "people ahead of you" means. Earlier in the order = called sooner.
     */
    Comparator<Ticket> queueOrder(OfficeState state, Instant now);

    /**
     * Of the next {@code waitSeconds}, for how long would a newcomer of {@code service} (no priority) that
     * arrives then still be called before {@code t}? Zero for first come, first served; the estimator uses
     * it to count those who will overtake a ticket while it waits.
     */
    default double overtakingWindow(OfficeState state, Ticket t, String service, Instant now, double waitSeconds) {
        return 0;
    }

    /** Whether a ticket only one open counter can serve comes first at that counter (the Turning Point's). */
    default boolean soleCounterFirst() {
        return false;
    }

    /**
     * The rank a ticket issued now would get and keep for good, for a policy that fixes ranks at issue (the
     * engine records it in the ticket's {@code ticket.issued} event); null for a policy that ranks otherwise.
     */
    default Double rankAtIssue(OfficeState state, String service, Priority priority, Instant dueAt, Instant now) {
        return null;
    }

    /** How many later quick errands may still go before this waiting ticket (places held in its "ahead"). */
    default int reservedPlaces(OfficeState state, Ticket t, Instant now) {
        return 0;
    }

    /** The name of the hub's policy: the one place the simulator, the planner and the hub take it from. */
    String OFFICE_DEFAULT = "fair";

    /** The hub's policy: {@link FairPolicy} with the office's settings. */
    static CallNextPolicy officeDefault(tw.queue.config.OfficeConfig office) {
        return named(OFFICE_DEFAULT, office);
    }

    static CallNextPolicy named(String name, tw.queue.config.OfficeConfig office) {
        return switch (name) {
            case "fcfs" -> new FcfsPolicy();
            case "fcfs-appt" -> new FcfsAppointmentPolicy();
            case "balanced" -> new BalancedPolicy(BalancedPolicy.Settings.forOffice(office));
            case "fair" -> new FairPolicy(FairPolicy.Settings.forOffice(), office);
            default -> {
                if (name.startsWith("fair:")) {
                    // fair:SCALE[:CREDIT_MINUTES], for measuring the trade-off across the knob
                    String[] p = name.split(":");
                    FairPolicy.Settings d = FairPolicy.Settings.forOffice();
                    yield new FairPolicy(new FairPolicy.Settings(Double.parseDouble(p[1]), p.length > 2
                            ? java.time.Duration.ofSeconds(Math.round(Double.parseDouble(p[2]) * 60))
                            : d.priorityCredit(), p.length > 3
                            ? java.time.Duration.ofSeconds(Math.round(Double.parseDouble(p[3]) * 60)) : d.cap()),
                            office);
                }
                throw new IllegalArgumentException("unknown policy '" + name + "' (fair, fcfs-appt, fcfs, balanced)");
            }
        };
    }
}
