package tw.queue.domain;

import java.util.Map;

/** What someone asks of the queue. {@link QueueEngine#execute} checks it against the state and returns events. */
public sealed interface Command {

    /** Opens a new office day when the date has changed (closing the previous one); otherwise does nothing. */
    record Tick() implements Command {
    }

    /** @param ticketId chosen by the caller (unguessable in the hub, sequential in the simulator) */
    record IssueTicket(String ticketId, String service, Priority priority, Channel channel, String lang)
            implements Command {
    }

    /** Checks an online appointment in: a ticket of the booked service, with the appointment's priority. */
    record CheckIn(String ticketId, String code, Channel channel, String lang) implements Command {
    }

    /** Makes online bookings known (or replaces unredeemed ones with the same code). */
    record BookAppointments(java.util.List<Booking> bookings) implements Command {
    }

    record Booking(String code, String service, java.time.Instant dueAt) {
    }

    record CancelTicket(String ticketId, Actor actor) implements Command {
    }

    /**
     * Finishes the ticket still open at the counter (as served), then calls the next one it may serve. Refused
     * while that ticket was called less than the office's call-next guard ago (a double press).
     */
    record CallNext(int counter, Actor actor) implements Command {
    }

    record Recall(int counter, Actor actor) implements Command {
    }

    /** Refused until the citizen has had the office's no-show wait to walk to the counter. */
    record NoShow(int counter, Actor actor) implements Command {
    }

    record Finish(int counter, Actor actor) implements Command {
    }

    record Transfer(int counter, String toService, Actor actor) implements Command {
    }

    /**
     * Signs the acting clerk in at the counter and opens it, or resumes it from a pause.
     *
     * @param forClerk a manager opening the counter for this clerk (a back-line reviewer, say); null: the actor
     */
    record OpenCounter(int counter, Actor actor, String forClerk) implements Command {
        public OpenCounter(int counter, Actor actor) {
            this(counter, actor, null);
        }
    }

    record PauseCounter(int counter, Actor actor) implements Command {
    }

    /** Finishes any open ticket as served, closes the counter and signs its clerk out. */
    record CloseCounter(int counter, Actor actor) implements Command {
    }

    record SetAnnouncement(Map<String, String> texts) implements Command {
    }

    /** Reopens today after a manager closed it; numbers go on from where they were. */
    record OpenDay() implements Command {
    }

    /** Ends the office day: waiting tickets end as not served, every counter closes. */
    record CloseDay() implements Command {
    }

    /** A citizen rates a visit that ended as served; once per ticket. */
    record RateTicket(String ticketId, String rating, String comment) implements Command {
    }

    /** A device says how it and its components are; logged only when that changes. */
    record ReportDeviceHealth(String device, String deviceType, Map<String, String> components) implements Command {
    }

    /** A device fell silent: offline, logged once (a device never heard from is offline already). */
    record MarkDeviceOffline(String device) implements Command {
    }

    /**
     * Raises an alert, unless one from the same source and place is still open (a bell pressed twice).
     *
     * @param device the kiosk whose bell was pressed, or null when staff raise it
     */
    record RaiseAlert(String alertId, String kind, String place, String device, Actor actor) implements Command {
    }

    record AcknowledgeAlert(String alertId, Actor actor) implements Command {
    }

    /**
     * A volunteer or manager asks a kiosk beside them to print the slip of a waiting ticket (a number taken for
     * someone). Asking again for the same ticket and kiosk while that job is still offered changes nothing.
     */
    record RequestPrint(String jobId, String ticketId, String kiosk, Actor actor) implements Command {
    }

    /**
     * The kiosk tells how a print job ended ({@code printed} or {@code failed}); the same report again (a retry
     * after an answer lost on the Wi-Fi) changes nothing.
     */
    record ReportPrint(String jobId, String kiosk, String result, String reason) implements Command {
    }
}
