package tw.queue.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import tw.queue.config.CounterDef;

/** Plain first come, first served: the oldest ticket the counter may serve. For comparison. */
public final class FcfsPolicy implements CallNextPolicy {
    private static final Comparator<Ticket> ORDER = Comparator.comparing(Ticket::queuedSince)
            .thenComparingInt(Ticket::number);

    @Override
    public String name() {
        return "fcfs";
    }

    @Override
    public Optional<Ticket> choose(OfficeState state, CounterDef counter, Instant now) {
        return state.waiting().stream().filter(t -> counter.serves(t.service())).min(ORDER);
    }

    @Override
    public Comparator<Ticket> queueOrder(OfficeState state, Instant now) {
        return ORDER;
    }
}
