package tw.queue.domain;

/**
 * A value with one name on the wire (HTTP, event stream, log, trace, agents). The enum constant declares
 * its name; nothing else spells it.
 */
public interface WireNamed {
    String wire();

    /** The constant of {@code type} whose wire name is {@code name}. */
    static <E extends Enum<E> & WireNamed> E fromWire(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " named " + name);
    }
}
