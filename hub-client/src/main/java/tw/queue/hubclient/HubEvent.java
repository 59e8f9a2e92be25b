package tw.queue.hubclient;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.Optional;
import tw.queue.domain.Event;
import tw.queue.wire.EventCodec;

/**
 * One message of the event stream: its sequence number, type (e.g. {@code ticket.called}), its JSON, and the
 * typed domain event when the project's codec ({@link EventCodec}) knows the type. Types the domain does not
 * model (e.g. {@code device.health}, {@code alert.raised}) keep only their JSON. Public events lack internal
 * fields (ticket ids, clerks): those are null in the typed event.
 */
public record HubEvent(long seq, String type, JsonNode data, Optional<Event> event) {

    /** Reads a stream message's {@code data:} JSON through the project's codec. */
    public static HubEvent decode(long seq, String type, String json) {
        JsonNode data;
        try {
            data = HubClient.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<Event> typed = Optional.empty();
        try {
            typed = Optional.of(EventCodec.fromPublic(json).event());
        } catch (RuntimeException unknownType) {
            // a type the domain does not model (hub-only events); agents read its JSON
        }
        return new HubEvent(seq, type, data, typed);
    }

    public <T extends Event> Optional<T> as(Class<T> type) {
        return event.filter(type::isInstance).map(type::cast);
    }
}
