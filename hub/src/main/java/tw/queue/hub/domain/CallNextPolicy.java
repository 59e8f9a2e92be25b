package tw.queue.hub.domain;

import java.time.Instant;
import java.util.Optional;
import tw.queue.config.CounterDef;

/** Chooses which waiting ticket a counter calls next. The seam the balancing work replaces. */
public interface CallNextPolicy {

    Optional<Ticket> choose(OfficeState state, CounterDef counter, Instant now);
}
