package tw.queue.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An immutable fact. The log gives each one a gap-free sequence number; the live state is their fold.
 * The permitted types below are the one list of events: their wire names, and which fields (ticket ids,
 * staff names, booking codes) stay off the public stream, are in {@code tw.queue.wire.EventTypes}.
 */
public sealed interface Event {

    Instant at();

    /** Events that concern one ticket. */
    sealed interface TicketEvent extends Event {
        String ticketId();

        int number();
    }

    record DayOpened(Instant at, LocalDate day) implements Event {
    }

    record DayClosed(Instant at, LocalDate day) implements Event {
    }

    /**
     * @param dueAt for an appointment, the booked time; @param appointmentCode the booking it redeems
     * @param rank where the policy placed it, fixed for good (epoch seconds of its due time under the fair
     *     policy), or null when the policy ranks by other means
     * @param reserved how many later quick errands may still go before it (places counted in its "ahead")
     */
    record TicketIssued(Instant at, String ticketId, int number, String service,
                        Priority priority, Channel channel, String lang, Instant dueAt,
                        String appointmentCode,
                        Integer ahead, Long estimatedWaitSeconds, Double rank, Integer reserved) implements TicketEvent {

        /** A ticket without a fixed rank (events logged before ranks, tests). */
        public TicketIssued(Instant at, String ticketId, int number, String service, Priority priority,
                            Channel channel, String lang, Instant dueAt, String appointmentCode, Integer ahead,
                            Long estimatedWaitSeconds) {
            this(at, ticketId, number, service, priority, channel, lang, dueAt, appointmentCode, ahead,
                    estimatedWaitSeconds, null, null);
        }
    }

    record TicketCalled(Instant at, String ticketId, int number, String service,
                        int counter, String clerk) implements TicketEvent {
    }

    record TicketRecalled(Instant at, String ticketId, int number, String service,
                          int counter, String clerk) implements TicketEvent {
    }

    record TicketNoShow(Instant at, String ticketId, int number, String service,
                        int counter, String clerk) implements TicketEvent {
    }

    record TicketFinished(Instant at, String ticketId, int number, String service,
                          int counter, String clerk) implements TicketEvent {
    }

    /** A called ticket goes back to waiting in another service, keeping its number and its place in time. */
    record TicketTransferred(Instant at, String ticketId, int number,
                             String fromService, String toService, int counter,
                             String clerk) implements TicketEvent {
    }

    /** A waiting ticket ends unserved: the citizen left ({@code requested}) or the day closed ({@code day-closed}). */
    record TicketCancelled(Instant at, String ticketId, int number, String service,
                           String reason) implements TicketEvent {
        public static final String REQUESTED = "requested";
        public static final String DAY_CLOSED = "day-closed";
    }

    record ClerkSignedIn(Instant at, String clerk, int counter) implements Event {
    }

    record ClerkSignedOut(Instant at, String clerk, int counter) implements Event {
    }

    record CounterOpened(Instant at, int counter) implements Event {
    }

    record CounterPaused(Instant at, int counter) implements Event {
    }

    record CounterClosed(Instant at, int counter) implements Event {
    }

    /** An online booking (內政部網路預約) made known to the hub; its code is the citizen's, so it stays internal. */
    record AppointmentBooked(Instant at, String code, String service, Instant dueAt)
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

    /**
     * A citizen rated a visit that ended (on the phone page or the counter's satisfaction box).
     *
     * @param rating one of {@link #RATINGS}; @param comment free text, kept in the log only
     */
    record TicketRated(Instant at, String ticketId, int number, String service,
                       int counter, String rating, String comment)
            implements TicketEvent {
        public static final java.util.List<String> RATINGS = java.util.List.of("satisfied", "neutral", "dissatisfied");
    }

    /**
     * A device's health changed: its status ({@link DeviceStatus}) or the state of one of its components
     * (a printer's paper, a display that stopped answering), or it fell silent (offline).
     *
     * @param deviceType kiosk, board or panel
     */
    record DeviceHealth(Instant at, String device, String deviceType, String status,
                        java.util.Map<String, String> components) implements Event {
    }

    /**
     * Someone needs help (the help bell, 愛心鈴, at the entrance).
     *
     * @param device the kiosk whose bell was pressed, or null when staff raised it
     * @param raisedBy the staff member who raised it, or null for a device
     */
    record AlertRaised(Instant at, String alert, String kind, String place, String device,
                       String raisedBy) implements Event {
    }

    /** A volunteer or manager took on an alert; how long that took is the figure the manager watches. */
    record AlertAcknowledged(Instant at, String alert, String kind, String place, long secondsToAcknowledge,
                             String acknowledgedBy) implements Event {
    }

    /**
     * A kiosk is asked to print the slip of a waiting ticket, taken for someone by a volunteer or manager. The
     * kiosk fetches the job (with the ticket) with its own token; the public stream carries only the job, the
     * number and the kiosk.
     */
    record PrintRequested(Instant at, String job, String ticketId, int number, String service, String kiosk,
                          String requestedBy) implements Event {
    }

    /** The kiosk printed the slip of a job, or could not (its printer's state in {@code reason}). */
    record PrintFinished(Instant at, String job, int number, String kiosk, String result, String reason)
            implements Event {
        public static final String PRINTED = "printed";
        public static final String FAILED = "failed";
        public static final java.util.List<String> RESULTS = java.util.List.of(PRINTED, FAILED);
    }
}
