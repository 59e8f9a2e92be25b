package tw.queue.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonView;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An immutable fact. The log gives each one a gap-free sequence number; the live state is their fold.
 * Fields marked {@link Views.Internal} (ticket ids, staff names) stay off the public event stream.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Event.DayOpened.class, name = "day.opened"),
        @JsonSubTypes.Type(value = Event.DayClosed.class, name = "day.closed"),
        @JsonSubTypes.Type(value = Event.TicketIssued.class, name = "ticket.issued"),
        @JsonSubTypes.Type(value = Event.TicketCalled.class, name = "ticket.called"),
        @JsonSubTypes.Type(value = Event.TicketRecalled.class, name = "ticket.recalled"),
        @JsonSubTypes.Type(value = Event.TicketNoShow.class, name = "ticket.no-show"),
        @JsonSubTypes.Type(value = Event.TicketFinished.class, name = "ticket.finished"),
        @JsonSubTypes.Type(value = Event.TicketTransferred.class, name = "ticket.transferred"),
        @JsonSubTypes.Type(value = Event.TicketCancelled.class, name = "ticket.cancelled"),
        @JsonSubTypes.Type(value = Event.ClerkSignedIn.class, name = "clerk.signed-in"),
        @JsonSubTypes.Type(value = Event.ClerkSignedOut.class, name = "clerk.signed-out"),
        @JsonSubTypes.Type(value = Event.CounterOpened.class, name = "counter.opened"),
        @JsonSubTypes.Type(value = Event.CounterPaused.class, name = "counter.paused"),
        @JsonSubTypes.Type(value = Event.CounterClosed.class, name = "counter.closed"),
        @JsonSubTypes.Type(value = Event.AnnouncementSet.class, name = "announcement.set"),
        @JsonSubTypes.Type(value = Event.AppointmentBooked.class, name = "appointment.booked"),
        @JsonSubTypes.Type(value = Event.StaffingHint.class, name = "staffing.hint"),
})
public sealed interface Event {

    Instant at();

    /** The name on the wire and in the log, e.g. {@code ticket.called}. */
    default String type() {
        return EventTypes.nameOf(getClass());
    }

    /** Events that concern one ticket. */
    sealed interface TicketEvent extends Event {
        String ticketId();

        int number();
    }

    record DayOpened(Instant at, LocalDate day) implements Event {
    }

    record DayClosed(Instant at, LocalDate day) implements Event {
    }

    /** @param dueAt for an appointment, the booked time; @param appointmentCode the booking it redeems */
    record TicketIssued(Instant at, @JsonView(Views.Internal.class) String ticketId, int number, String service,
                        Priority priority, Channel channel, String lang, Instant dueAt,
                        @JsonView(Views.Internal.class) String appointmentCode,
                        Integer ahead, Long estimatedWaitSeconds) implements TicketEvent {
    }

    record TicketCalled(Instant at, @JsonView(Views.Internal.class) String ticketId, int number, String service,
                        int counter, @JsonView(Views.Internal.class) String clerk) implements TicketEvent {
    }

    record TicketRecalled(Instant at, @JsonView(Views.Internal.class) String ticketId, int number, String service,
                          int counter, @JsonView(Views.Internal.class) String clerk) implements TicketEvent {
    }

    record TicketNoShow(Instant at, @JsonView(Views.Internal.class) String ticketId, int number, String service,
                        int counter, @JsonView(Views.Internal.class) String clerk) implements TicketEvent {
    }

    record TicketFinished(Instant at, @JsonView(Views.Internal.class) String ticketId, int number, String service,
                          int counter, @JsonView(Views.Internal.class) String clerk) implements TicketEvent {
    }

    /** A called ticket goes back to waiting in another service, keeping its number and its place in time. */
    record TicketTransferred(Instant at, @JsonView(Views.Internal.class) String ticketId, int number,
                             String fromService, String toService, int counter,
                             @JsonView(Views.Internal.class) String clerk) implements TicketEvent {
    }

    /** A waiting ticket ends unserved: the citizen left ({@code requested}) or the day closed ({@code day-closed}). */
    record TicketCancelled(Instant at, @JsonView(Views.Internal.class) String ticketId, int number, String service,
                           String reason) implements TicketEvent {
        public static final String REQUESTED = "requested";
        public static final String DAY_CLOSED = "day-closed";
    }

    record ClerkSignedIn(Instant at, @JsonView(Views.Internal.class) String clerk, int counter) implements Event {
    }

    record ClerkSignedOut(Instant at, @JsonView(Views.Internal.class) String clerk, int counter) implements Event {
    }

    record CounterOpened(Instant at, int counter) implements Event {
    }

    record CounterPaused(Instant at, int counter) implements Event {
    }

    record CounterClosed(Instant at, int counter) implements Event {
    }

    /** An online booking (內政部網路預約) made known to the hub; its code is the citizen's, so it stays internal. */
    record AppointmentBooked(Instant at, @JsonView(Views.Internal.class) String code, String service, Instant dueAt)
            implements Event {
    }

    /**
     * The predicted wait crossed the target (open a back-line counter now), or fell back below it.
     *
     * @param service the service whose newcomers would wait longest
     * @param predictedP90WaitSeconds the wait nine in ten of its newcomers would stay within
     */
    record StaffingHint(Instant at, boolean active, String service, long predictedP90WaitSeconds,
                        long targetWaitSeconds, int openCounters) implements Event {
    }

    /** The scrolling line on boards (政令宣導), per language tag; empty texts clear it. */
    record AnnouncementSet(Instant at, java.util.Map<String, String> texts) implements Event {
    }
}
