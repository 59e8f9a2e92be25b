package tw.queue.hub.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import tw.queue.config.CounterDef;

/** Plain rule: among tickets the counter may serve, priority classes first, then the longest waiting. */
public final class OldestFirstPolicy implements CallNextPolicy {

    /** Priority classes first, then by the time they joined, then by number (ties within a millisecond). */
    public static final Comparator<Ticket> ORDER = Comparator
            .comparing((Ticket t) -> !t.priority().isPriority())
            .thenComparing(Ticket::queuedSince)
            .thenComparingInt(Ticket::number);

    @Override
    public Optional<Ticket> choose(OfficeState state, CounterDef counter, Instant now) {
        return state.waiting().stream()
                .filter(t -> counter.serves(t.service()))
                .min(ORDER);
    }
}
