package tw.queue.domain;

/** A counter is closed, open (calling), or paused (a clerk is signed in but calls no one). */
public enum CounterStatus implements WireNamed {
    CLOSED("closed"),
    OPEN("open"),
    PAUSED("paused");

    private final String wire;

    CounterStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
