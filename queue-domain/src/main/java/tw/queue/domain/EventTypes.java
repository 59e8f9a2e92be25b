package tw.queue.domain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.HashMap;
import java.util.Map;

/** The wire names of events, read once from the one place they are declared ({@link Event}'s subtypes). */
final class EventTypes {
    private static final Map<Class<?>, String> NAMES = new HashMap<>();

    static {
        for (JsonSubTypes.Type t : Event.class.getAnnotation(JsonSubTypes.class).value()) {
            NAMES.put(t.value(), t.name());
        }
    }

    private EventTypes() {
    }

    static String nameOf(Class<?> eventClass) {
        String name = NAMES.get(eventClass);
        if (name == null) {
            throw new IllegalStateException("event type not registered: " + eventClass);
        }
        return name;
    }
}
