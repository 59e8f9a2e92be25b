package tw.queue.domain;

/** Priority classes (博愛) as the office names them. */
public enum Priority implements WireNamed {
    NONE("none"),
    ELDERLY("elderly"),
    DISABILITY("disability"),
    PREGNANT_OR_INFANT("pregnant-or-infant"),
    APPOINTMENT("appointment");

    private final String wire;

    Priority(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static Priority fromWire(String name) {
        return WireNamed.fromWire(Priority.class, name);
    }

    public boolean isPriority() {
        return this != NONE;
    }
}
