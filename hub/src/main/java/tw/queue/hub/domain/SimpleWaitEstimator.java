package tw.queue.hub.domain;

import java.time.Instant;
import java.util.Comparator;
import tw.queue.config.CounterDef;
import tw.queue.config.ServiceDef;

/**
 * First estimate: those ahead in the same service, shared among the open counters that serve it, each taking
 * the service's expected time. Idle counters take the first ones at once.
 */
public final class SimpleWaitEstimator implements WaitEstimator {
    private final Comparator<Ticket> order;

    public SimpleWaitEstimator(Comparator<Ticket> order) {
        this.order = order;
    }

    @Override
    public WaitEstimate estimate(OfficeState state, Ticket ticket) {
        if (!ticket.isWaiting()) {
            return new WaitEstimate(0, 0L);
        }
        int ahead = (int) state.waiting().stream()
                .filter(w -> w.service().equals(ticket.service()) && order.compare(w, ticket) < 0)
                .count();
        return new WaitEstimate(ahead, seconds(state, ticket.service(), ahead));
    }

    @Override
    public WaitEstimate forNewTicket(OfficeState state, String service, Priority priority) {
        Ticket probe = new Ticket("", Integer.MAX_VALUE, service, priority, Channel.KIOSK, null,
                Instant.MAX, Instant.MAX, TicketStatus.WAITING, null, null, 0, 0, null, null);
        int ahead = (int) state.waiting().stream()
                .filter(w -> w.service().equals(service) && order.compare(w, probe) < 0)
                .count();
        return new WaitEstimate(ahead, seconds(state, service, ahead));
    }

    private Long seconds(OfficeState state, String service, int ahead) {
        ServiceDef def = state.office().service(service).orElse(null);
        if (def == null) {
            return null;
        }
        int open = 0;
        int idle = 0;
        for (CounterState c : state.counters()) {
            CounterDef cd = state.office().counter(c.number()).orElse(null);
            if (c.isOpen() && cd != null && cd.serves(service)) {
                open++;
                if (c.currentTicketId() == null) {
                    idle++;
                }
            }
        }
        if (open == 0) {
            return null;
        }
        int toWaitFor = Math.max(0, ahead + 1 - idle);
        return Math.round(toWaitFor * def.expectedMinutes() * 60.0 / open);
    }
}
