package tw.queue.domain;

/** Where a ticket was issued. */
public enum Channel implements WireNamed {
    KIOSK("kiosk"),
    VOLUNTEER("volunteer"),
    WEB("web");

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
