package tw.queue.hub.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tw.queue.domain.Event;
import tw.queue.wire.EventTypes;

/** One list of event types: the sealed Event, the wire names, the OpenAPI document and the pages agree. */
class EventTypesAgreementTest {

    private static List<Class<?>> permittedEventTypes() {
        List<Class<?>> out = new ArrayList<>();
        collect(Event.class, out);
        return out;
    }

    private static void collect(Class<?> type, List<Class<?>> out) {
        for (Class<?> sub : type.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                collect(sub, out);
            } else {
                out.add(sub);
            }
        }
    }

    private static List<String> wireNames() {
        return EventTypes.ALL.stream().map(EventTypes.EventType::name).toList();
    }

    @Test
    void everySealedEventTypeHasOneWireName() {
        assertThat(EventTypes.ALL.stream().<Class<?>>map(EventTypes.EventType::type).toList())
                .containsExactlyInAnyOrderElementsOf(permittedEventTypes());
        assertThat(wireNames()).doesNotHaveDuplicates();
    }

    @Test
    void theOpenApiDocumentDescribesEveryEventTypeAndNoOther() {
        JsonNode mapping = Contract.schema("Event").path("discriminator").path("mapping");
        assertThat(mapping.isObject()).as("Event.discriminator.mapping in openapi.yaml").isTrue();
        List<String> documented = new ArrayList<>();
        mapping.fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(wireNames());
        assertThat(Contract.strings(Contract.schema("Event").path("oneOf")).size()).isEqualTo(wireNames().size());
    }

    /** Each type's schema names exactly the public fields the codec writes: type, seq and the non-internal ones. */
    @Test
    void eachEventSchemaHasTheEventsPublicFields() {
        JsonNode mapping = Contract.schema("Event").path("discriminator").path("mapping");
        for (EventTypes.EventType t : EventTypes.ALL) {
            String ref = mapping.path(t.name()).asText();
            JsonNode schema = Contract.schema(ref.substring(ref.lastIndexOf('/') + 1));
            Set<String> expected = new TreeSet<>(Set.of("type", "seq"));
            for (RecordComponent c : t.type().getRecordComponents()) {
                if (!t.internal().contains(c.getName())) {
                    expected.add(c.getName());
                }
            }
            Set<String> documented = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as(t.name()).isEqualTo(expected);
            assertThat(schema.path("properties").path("type").path("const").asText()).as(t.name()).isEqualTo(t.name());
        }
    }

    @Test
    void thePagesListenForEveryEventType() {
        assertThat(Contract.scriptList("webroot/js/hub.js", "EVENT_TYPES"))
                .containsExactlyInAnyOrderElementsOf(wireNames());
    }
}
