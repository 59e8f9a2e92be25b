package tw.queue.domain;

import java.time.Instant;

/**
 * The usual rule of thumb, kept for comparison: everyone waiting for the service times its configured
 * service time, over the open counters that serve it.
 */
public final class NaiveWaitEstimator implements WaitEstimator {

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public WaitEstimate whileWaiting(OfficeState state, Ticket ticket, Instant now) {
        int queue = (int) state.waiting().stream()
                .filter(u -> u.service().equals(ticket.service()) && !u.id().equals(ticket.id())).count();
        return new WaitEstimate(queue, seconds(state, ticket.service(), queue));
    }

    @Override
    public WaitEstimate forNewTicket(OfficeState state, String service, Priority priority, Instant now) {
        int queue = (int) state.waiting().stream().filter(u -> u.service().equals(service)).count();
        return new WaitEstimate(queue, seconds(state, service, queue));
    }

    private static Long seconds(OfficeState state, String service, int queue) {
        long open = state.openCountersFor(service).size();
        if (open == 0) {
            return null;
        }
        double minutes = state.office().service(service).map(s -> s.expectedMinutes()).orElse(10.0);
        return Math.round(queue * minutes * 60.0 / open);
    }
}
