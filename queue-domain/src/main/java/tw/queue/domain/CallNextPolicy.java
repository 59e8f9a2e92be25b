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

    static CallNextPolicy named(String name, tw.queue.config.OfficeConfig office) {
        return switch (name) {
            case "fcfs" -> new FcfsPolicy();
            case "balanced" -> new BalancedPolicy(BalancedPolicy.Settings.forOffice(office));
            default -> throw new IllegalArgumentException("unknown policy '" + name + "' (fcfs, balanced)");
        };
    }
}
