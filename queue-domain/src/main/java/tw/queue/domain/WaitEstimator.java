package tw.queue.domain;

import java.time.Instant;

/** Tells a waiting ticket how many are ahead and how long it will likely wait. */
public interface WaitEstimator {

    String name();

    /** What a ticket is told: nobody ahead and no wait once it is no longer waiting, else {@link #whileWaiting}. */
    default WaitEstimate estimate(OfficeState state, Ticket ticket, Instant now) {
        return ticket.isWaiting() ? whileWaiting(state, ticket, now) : new WaitEstimate(0, 0L);
    }

    /** The estimate for a ticket still waiting. */
    WaitEstimate whileWaiting(OfficeState state, Ticket ticket, Instant now);

    /** What a ticket taken now for this service and priority would be told. */
    WaitEstimate forNewTicket(OfficeState state, String service, Priority priority, Instant now);

    /** What an online appointment booked at {@code dueAt} checking in now would be told. */
    default WaitEstimate forCheckIn(OfficeState state, String service, Instant dueAt, Instant now) {
        return forNewTicket(state, service, Priority.APPOINTMENT, now);
    }

    /**
     * When counters will open, for a ticket no open counter serves: the office's next opening time if it is
     * outside its hours now, else null (open hours, but no counter open yet).
     */
    static Instant opensAt(OfficeState state, Instant now) {
        java.time.ZonedDateTime local = now.atZone(state.office().timezone());
        if (state.office().hours().isOpen(local.getDayOfWeek(), local.toLocalTime())) {
            return null;
        }
        return state.office().hours().nextOpening(local).map(java.time.ZonedDateTime::toInstant).orElse(null);
    }

    /** A stand-in for a ticket not yet taken: last in its class, as a newcomer would be. */
    static Ticket newcomer(String service, Priority priority, Instant now) {
        return new Ticket("", Integer.MAX_VALUE, service, priority, Channel.KIOSK, null, now, now,
                TicketStatus.WAITING, null, null, 0, 0, null, null);
    }
}
