package tw.queue.domain;

/**
 * Where a ticket stands. A transfer sends a called ticket back to {@link #WAITING} in another service,
 * keeping its number and its place in time; the others after {@link #CALLED} are final.
 */
public enum TicketStatus implements WireNamed {
    @Wire("waiting") WAITING,
    @Wire("called") CALLED,
    @Wire("served") SERVED,
    @Wire("no-show") NO_SHOW,
    @Wire("cancelled") CANCELLED,
    @Wire("not-served") NOT_SERVED;

    public boolean isFinal() {
        return this != WAITING && this != CALLED;
    }
}
