package tw.queue.domain;

import java.time.Instant;

/** The office's one rule for online appointments (網路預約, 免等待): due at the booked time, served first then. */
public final class Appointments {
    private Appointments() {
    }

    /** An online appointment at or past its booked time. */
    public static boolean isDue(Ticket t, Instant now) {
        return t.priority() == Priority.APPOINTMENT && t.dueAt() != null && !now.isBefore(t.dueAt());
    }

    /** When a ticket counts as having joined the queue: an appointment checked in early, at its booked time. */
    public static Instant rankingStart(Ticket t) {
        if (t.priority() == Priority.APPOINTMENT && t.dueAt() != null && t.dueAt().isAfter(t.queuedSince())) {
            return t.dueAt();
        }
        return t.queuedSince();
    }
}
