package tw.queue.wire;

import com.fasterxml.jackson.annotation.JsonFilter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonAppend;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.impl.SimpleBeanPropertyFilter;
import com.fasterxml.jackson.databind.ser.impl.SimpleFilterProvider;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import tw.queue.domain.Event;
import tw.queue.domain.WireNamed;

/**
 * Events to and from JSON: the full form for the log, the public form (internal fields left out, the
 * sequence number added) for the event stream. The wire shape is given here by Jackson mix-ins, so the
 * domain stays free of Jackson; the hub and the agents' hub-client both read events through this class.
 */
public final class EventCodec {
    private static final String FILTER = "event-fields";
    private static final String SEQ = "seq";

    /** Enums are written and read by their one wire name. */
    private interface WireNamedMixIn {
        @JsonValue
        String wire();
    }

    /** The type name in a {@code type} field; internal fields filtered on the public stream; {@code seq} appended. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonFilter(FILTER)
    @JsonAppend(attrs = @JsonAppend.Attr(value = SEQ, include = JsonInclude.Include.NON_NULL))
    private interface EventMixIn {
    }

    /** Shared with the hub's other JSON (API shapes, scenarios) so enums are written one way everywhere. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addMixIn(WireNamed.class, WireNamedMixIn.class)
                .addMixIn(Event.class, EventMixIn.class);
        EventTypes.ALL.forEach(t -> mapper.registerSubtypes(new NamedType(t.type(), t.name())));
        return mapper;
    }

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());
    private static final ObjectWriter FULL = MAPPER.writerFor(Event.class)
            .with(new SimpleFilterProvider().addFilter(FILTER, SimpleBeanPropertyFilter.serializeAll()));
    private static final ObjectWriter PUBLIC = MAPPER.writerFor(Event.class)
            .with(new SimpleFilterProvider().addFilter(FILTER, new PublicFields()));
    private static final ObjectReader READER = MAPPER.readerFor(Event.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** The stream's coarse values (a priority without its class) and names a newer hub may add read as null. */
    private static final ObjectReader PUBLIC_READER = READER
            .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private EventCodec() {
    }

    /** An event as received from the public stream. */
    public record Published(long seq, Event event) {
    }

    public static String toLog(Event e) {
        try {
            return FULL.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static Event fromLog(String json) {
        try {
            return READER.readValue(json);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The public JSON of an event with its sequence number: what boards, pages and agents receive. */
    public static String toPublic(long seq, Event e) {
        try {
            return PUBLIC.withAttribute(SEQ, seq).writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads an event stream message's data; internal fields are null, and so is a ticket's priority when it has
     * one (the stream says only "priority", see {@link PublicPriority}).
     */
    public static Published fromPublic(String json) {
        try {
            return new Published(MAPPER.readTree(json).path(SEQ).asLong(-1), PUBLIC_READER.readValue(json));
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Leaves out the fields {@link EventTypes} marks internal for the event's type, and coarsens its public forms. */
    private static final class PublicFields extends SimpleBeanPropertyFilter {
        @Override
        public void serializeAsField(Object pojo, JsonGenerator gen, SerializerProvider provider, PropertyWriter writer)
                throws Exception {
            if (!(pojo instanceof Event e)) {
                writer.serializeAsField(pojo, gen, provider);
            } else if (!EventTypes.of(e.getClass()).internal().contains(writer.getName())) {
                java.util.Optional<Object> coarse = EventTypes.publicForm(e, writer.getName());
                if (coarse.isPresent()) {
                    gen.writeFieldName(writer.getName());
                    provider.defaultSerializeValue(coarse.get(), gen);
                } else {
                    writer.serializeAsField(pojo, gen, provider);
                }
            }
        }
    }
}
