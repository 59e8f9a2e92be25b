package tw.queue.domain;

/**
 * Where a ticket stands. A transfer sends a called ticket back to {@link #WAITING} in another service,
 * keeping its number and its place in time; the others after {@link #CALLED} are final.
 */
public enum TicketStatus implements WireNamed {
    WAITING("waiting"),
    CALLED("called"),
    SERVED("served"),
    NO_SHOW("no-show"),
    CANCELLED("cancelled"),
    NOT_SERVED("not-served");

    private final String wire;

    TicketStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static TicketStatus fromWire(String name) {
        return WireNamed.fromWire(TicketStatus.class, name);
    }

    public boolean isFinal() {
        return this != WAITING && this != CALLED;
    }
}
