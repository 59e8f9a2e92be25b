package tw.queue.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import tw.queue.domain.Event;
import tw.queue.domain.Views;

/** Events to and from JSON: the full form for the log, the public form for the event stream. */
public final class EventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectWriter FULL = MAPPER.writerFor(Event.class);
    private static final ObjectWriter PUBLIC = MAPPER.writerFor(Event.class).withView(Views.Public.class);

    private EventCodec() {
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
            return MAPPER.readValue(json, Event.class);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The public JSON of an event with its sequence number: what boards, pages and agents receive. */
    public static String toPublic(long seq, Event e) {
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(PUBLIC.writeValueAsString(e));
            node.put("seq", seq);
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
