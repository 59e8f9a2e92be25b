package tw.queue.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * Jackson's number and boolean deserializers cannot recover when a problem handler absorbs a mapping or list
 * given where a scalar belongs (they go on to parse the null they get back). These wrappers send such values to
 * the problem handler themselves and otherwise defer to the standard deserializers.
 */
final class ScalarDeserializers {

    private ScalarDeserializers() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("office-config-scalars");
        module.addDeserializer(Integer.class,
                new ScalarOnly<>(Integer.class, new NumberDeserializers.IntegerDeserializer(Integer.class, null)));
        module.addDeserializer(Double.class,
                new ScalarOnly<>(Double.class, new NumberDeserializers.DoubleDeserializer(Double.class, null)));
        module.addDeserializer(Boolean.class,
                new ScalarOnly<>(Boolean.class, new NumberDeserializers.BooleanDeserializer(Boolean.class, null)));
        return module;
    }

    private static final class ScalarOnly<T> extends StdDeserializer<T> {

        private final JsonDeserializer<?> standard;

        ScalarOnly(Class<T> type, JsonDeserializer<?> standard) {
            super(type);
            this.standard = standard;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.isExpectedStartObjectToken() || p.isExpectedStartArrayToken()) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            return (T) standard.deserialize(p, ctxt);
        }
    }
}
