package tw.queue.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tw.queue.domain.Event;

/**
 * Each event type's wire name (the SSE {@code event:} line, the log's type column, the JSON {@code type})
 * and its internal fields, which the log keeps and the public stream leaves out. The agreement test holds
 * this list to {@link Event}'s permitted types, the OpenAPI document and the pages.
 */
public final class EventTypes {

    /** @param internal fields only the log keeps: ticket ids (they give read access), staff names, booking codes */
    public record EventType(Class<? extends Event> type, String name, Set<String> internal) {
    }

    private static final Set<String> TICKET_CLERK = Set.of("ticketId", "clerk");

    public static final List<EventType> ALL = List.of(
            new EventType(Event.DayOpened.class, "day.opened", Set.of()),
            new EventType(Event.DayClosed.class, "day.closed", Set.of()),
            new EventType(Event.TicketIssued.class, "ticket.issued", Set.of("ticketId", "appointmentCode", "rank", "reserved")),
            new EventType(Event.TicketCalled.class, "ticket.called", TICKET_CLERK),
            new EventType(Event.TicketRecalled.class, "ticket.recalled", TICKET_CLERK),
            new EventType(Event.TicketNoShow.class, "ticket.no-show", TICKET_CLERK),
            new EventType(Event.TicketFinished.class, "ticket.finished", TICKET_CLERK),
            new EventType(Event.TicketTransferred.class, "ticket.transferred", TICKET_CLERK),
            new EventType(Event.TicketCancelled.class, "ticket.cancelled", Set.of("ticketId")),
            new EventType(Event.ClerkSignedIn.class, "clerk.signed-in", Set.of("clerk")),
            new EventType(Event.ClerkSignedOut.class, "clerk.signed-out", Set.of("clerk")),
            new EventType(Event.CounterOpened.class, "counter.opened", Set.of()),
            new EventType(Event.CounterPaused.class, "counter.paused", Set.of()),
            new EventType(Event.CounterClosed.class, "counter.closed", Set.of()),
            new EventType(Event.AnnouncementSet.class, "announcement.set", Set.of()),
            new EventType(Event.AppointmentBooked.class, "appointment.booked", Set.of("code")),
            new EventType(Event.StaffingHint.class, "staffing.hint", Set.of()),
            new EventType(Event.TicketRated.class, "ticket.rated", Set.of("ticketId", "comment")),
            new EventType(Event.DeviceHealth.class, "device.health", Set.of()),
            new EventType(Event.AlertRaised.class, "alert.raised", Set.of("raisedBy")),
            new EventType(Event.AlertAcknowledged.class, "alert.acknowledged", Set.of("acknowledgedBy")),
            new EventType(Event.PrintRequested.class, "print.requested", Set.of("ticketId", "requestedBy")),
            new EventType(Event.PrintFinished.class, "print.finished", Set.of()));

    /**
     * A field the public stream carries in a coarser form than the log, or empty: a ticket's priority class
     * becomes whether it has priority ({@link PublicPriority}); the class stays in the log and the staff's views.
     */
    public static java.util.Optional<Object> publicForm(Event e, String field) {
        if (e instanceof Event.TicketIssued t && "priority".equals(field)) {
            return java.util.Optional.of(PublicPriority.of(t.priority()));
        }
        return java.util.Optional.empty();
    }

    private static final Map<Class<?>, EventType> BY_CLASS = new LinkedHashMap<>();

    static {
        ALL.forEach(t -> BY_CLASS.put(t.type(), t));
    }

    private EventTypes() {
    }

    public static EventType of(Class<?> eventClass) {
        EventType t = BY_CLASS.get(eventClass);
        if (t == null) {
            throw new IllegalStateException("event type not registered in EventTypes.ALL: " + eventClass);
        }
        return t;
    }

    /** The wire name of an event, e.g. {@code ticket.called}. */
    public static String nameOf(Event e) {
        return of(e.getClass()).name();
    }
}
