package tw.queue.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * An enum whose constants each declare their one name on the wire (HTTP, event stream, log, trace, agents)
 * with {@link Wire}; nothing else spells it.
 */
public interface WireNamed {

    default String wire() {
        return Names.NAMES.get(getClass()).get(this);
    }

    /** The constant of {@code type} whose wire name is {@code name}. */
    static <E extends Enum<E> & WireNamed> E fromWire(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " named " + name);
    }

    /** Each enum's names, read once from its constants' {@link Wire} annotations. */
    final class Names {
        private static final ClassValue<Map<Object, String>> NAMES = new ClassValue<>() {
            @Override
            protected Map<Object, String> computeValue(Class<?> type) {
                Class<?> enumType = type.isEnum() ? type : type.getSuperclass();
                Map<Object, String> names = new HashMap<>();
                for (Object constant : enumType.getEnumConstants()) {
                    try {
                        Wire w = enumType.getField(((Enum<?>) constant).name()).getAnnotation(Wire.class);
                        if (w == null) {
                            throw new IllegalStateException(enumType.getName() + "." + constant + " has no @Wire name");
                        }
                        names.put(constant, w.value());
                    } catch (NoSuchFieldException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return names;
            }
        };

        private Names() {
        }
    }
}
