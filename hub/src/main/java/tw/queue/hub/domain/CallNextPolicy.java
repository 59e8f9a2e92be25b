package tw.queue.hub.domain;

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

    static CallNextPolicy named(String name, tw.queue.config.OfficeConfig office) {
        return switch (name) {
            case "fcfs" -> new FcfsPolicy();
            case "balanced" -> new BalancedPolicy(BalancedPolicy.Settings.forOffice(office));
            default -> throw new IllegalArgumentException("unknown policy '" + name + "' (fcfs, balanced)");
        };
    }
}
