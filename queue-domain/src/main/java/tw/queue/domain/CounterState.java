package tw.queue.domain;

/**
 * A counter's live state.
 *
 * @param clerk who is signed in here, or null when closed
 * @param currentTicketId the ticket being served (called, not yet ended), or null
 */
public record CounterState(int number, CounterStatus status, String clerk, String currentTicketId) {

    static CounterState closed(int number) {
        return new CounterState(number, CounterStatus.CLOSED, null, null);
    }

    CounterState withStatus(CounterStatus newStatus) {
        return new CounterState(number, newStatus, clerk, currentTicketId);
    }

    CounterState withClerk(String newClerk) {
        return new CounterState(number, status, newClerk, currentTicketId);
    }

    CounterState withCurrent(String ticketId) {
        return new CounterState(number, status, clerk, ticketId);
    }

    public boolean isOpen() {
        return status == CounterStatus.OPEN;
    }
}
