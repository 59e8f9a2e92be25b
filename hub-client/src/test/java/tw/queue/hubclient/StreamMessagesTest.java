package tw.queue.hubclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.queue.domain.Event;
import tw.queue.wire.EventCodec;

/** What the hub writes on /api/events is read back as the hub meant it: ids, types and typed events. */
class StreamMessagesTest {

    @Test
    void aCallAtCounterSevenReadsBackAsATypedEventWithItsSequenceNumber() throws Exception {
        Event.TicketCalled called = new Event.TicketCalled(Instant.parse("2026-12-01T01:02:03Z"), "secret-id", 2005,
                "transcript", 7, "clerk7");
        // exactly the frame EventStream writes: id, event, data from the codec's public form
        String frame = "retry: 2000\n\n: keep-alive\n\nid: 41\nevent: ticket.called\ndata: "
                + EventCodec.toPublic(41, called) + "\n\n";
        SseReader reader = new SseReader(new ByteArrayInputStream(frame.getBytes(StandardCharsets.UTF_8)));

        SseReader.Message m = reader.next();
        assertThat(m.id()).isEqualTo(41);
        assertThat(m.event()).isEqualTo("ticket.called");
        HubEvent e = HubEvent.decode(m.id(), m.event(), m.data());
        Event.TicketCalled typed = e.as(Event.TicketCalled.class).orElseThrow();
        assertThat(typed.number()).isEqualTo(2005);
        assertThat(typed.counter()).isEqualTo(7);
        assertThat(typed.ticketId()).as("internal fields stay off the public stream").isNull();
        assertThat(reader.next()).as("end of stream").isNull();
    }

    @Test
    void anEventTheDomainDoesNotModelKeepsItsJson() throws Exception {
        String frame = "id: 9\nevent: device.health\ndata: {\"device\":\"demo-kiosk-1\",\"status\":\"fault\",\"seq\":9}\n\n";
        SseReader.Message m = new SseReader(new ByteArrayInputStream(frame.getBytes(StandardCharsets.UTF_8))).next();

        HubEvent e = HubEvent.decode(m.id(), m.event(), m.data());

        assertThat(e.event()).isEmpty();
        assertThat(e.type()).isEqualTo("device.health");
        assertThat(e.data().path("status").asText()).isEqualTo("fault");
    }

    @Test
    void multiLineDataAndCommentsFollowTheEventStreamFormat() throws Exception {
        String frame = ": hello\nid: 3\ndata: {\"a\":\ndata: 1}\n\nid:4\nevent:x\ndata:{}\n\n";
        SseReader r = new SseReader(new ByteArrayInputStream(frame.getBytes(StandardCharsets.UTF_8)));
        SseReader.Message first = r.next();
        assertThat(first).isEqualTo(new SseReader.Message(3, "message", "{\"a\":\n1}"));
        assertThat(r.next()).isEqualTo(new SseReader.Message(4, "x", "{}"));
    }
}
