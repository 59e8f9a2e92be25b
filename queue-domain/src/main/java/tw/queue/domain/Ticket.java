package tw.queue.domain;

import java.time.Instant;

/**
 * One visit. Carries no personal data.
 *
 * @param queuedSince the time that orders it in the queue: its issue time, kept across transfers for fairness
 * @param counter the counter that called it last, or null
 * @param dueAt for an online appointment, the booked time; otherwise null
 */
public record Ticket(
        String id,
        int number,
        String service,
        Priority priority,
        Channel channel,
        String lang,
        Instant issuedAt,
        Instant queuedSince,
        TicketStatus status,
        Integer counter,
        Instant calledAt,
        int recalls,
        int transfers,
        Instant finishedAt,
        Instant dueAt) {

    public boolean isWaiting() {
        return status == TicketStatus.WAITING;
    }

    Ticket called(int atCounter, Instant at) {
        return new Ticket(id, number, service, priority, channel, lang, issuedAt, queuedSince,
                TicketStatus.CALLED, atCounter, at, recalls, transfers, null, dueAt);
    }

    Ticket recalled() {
        return new Ticket(id, number, service, priority, channel, lang, issuedAt, queuedSince,
                status, counter, calledAt, recalls + 1, transfers, finishedAt, dueAt);
    }

    Ticket ended(TicketStatus outcome, Instant at) {
        return new Ticket(id, number, service, priority, channel, lang, issuedAt, queuedSince,
                outcome, counter, calledAt, recalls, transfers, at, dueAt);
    }

    Ticket transferredTo(String newService) {
        return new Ticket(id, number, newService, priority, channel, lang, issuedAt, queuedSince,
                TicketStatus.WAITING, counter, calledAt, recalls, transfers + 1, null, dueAt);
    }
}
