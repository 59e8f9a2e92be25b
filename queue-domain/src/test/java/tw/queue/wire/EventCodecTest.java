package tw.queue.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tw.queue.domain.Channel;
import tw.queue.domain.CounterStatus;
import tw.queue.domain.Event;
import tw.queue.domain.Priority;
import tw.queue.domain.TicketStatus;
import tw.queue.domain.WireNamed;

class EventCodecTest {
    private static final Instant AT = Instant.parse("2026-12-01T01:02:03Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event of every type, with every internal field filled in. */
    static List<Event> oneOfEach() {
        return List.of(
                new Event.DayOpened(AT, LocalDate.of(2026, 12, 1)),
                new Event.DayClosed(AT, LocalDate.of(2026, 12, 1)),
                new Event.TicketIssued(AT, "tid-1", 1001, "transcript", Priority.PREGNANT_OR_INFANT, Channel.KIOSK,
                        "zh-TW", AT.plusSeconds(600), "APPT-1", 3, 420L),
                new Event.TicketCalled(AT, "tid-1", 1001, "transcript", 5, "clerk5"),
                new Event.TicketRecalled(AT, "tid-1", 1001, "transcript", 5, "clerk5"),
                new Event.TicketNoShow(AT, "tid-1", 1001, "transcript", 5, "clerk5"),
                new Event.TicketFinished(AT, "tid-1", 1001, "transcript", 5, "clerk5"),
                new Event.TicketTransferred(AT, "tid-1", 1001, "transcript", "household", 5, "clerk5"),
                new Event.TicketCancelled(AT, "tid-1", 1001, "transcript", Event.TicketCancelled.REQUESTED),
                new Event.ClerkSignedIn(AT, "clerk5", 5),
                new Event.ClerkSignedOut(AT, "clerk5", 5),
                new Event.CounterOpened(AT, 5),
                new Event.CounterPaused(AT, 5),
                new Event.CounterClosed(AT, 5),
                new Event.AnnouncementSet(AT, Map.of("zh-TW", "今日", "en", "Today")),
                new Event.AppointmentBooked(AT, "APPT-1", "transcript", AT),
                new Event.StaffingHint(AT, true, "transcript", 1200, 900, 18),
                new Event.TicketRated(AT, "tid-1", 1001, "transcript", 5, "satisfied", "very kind"),
                new Event.DeviceHealth(AT, "kiosk-1", "kiosk", "fault", Map.of("printer", "paper-out")),
                new Event.AlertRaised(AT, "a-0123456789abcdef", "help", "entrance", null, "volunteer"),
                new Event.AlertAcknowledged(AT, "a-0123456789abcdef", "help", "entrance", 42, "volunteer"),
                new Event.PrintRequested(AT, "p-0123456789abcdef", "tid-1", 1001, "transcript", "demo-kiosk-1",
                        "volunteer"),
                new Event.PrintFinished(AT, "p-0123456789abcdef", 1001, "demo-kiosk-1", Event.PrintFinished.FAILED,
                        "paper-out"));
    }

    @Test
    void theExamplesCoverEveryEventType() {
        assertThat(oneOfEach()).extracting(Object::getClass)
                .containsExactlyInAnyOrderElementsOf(EventTypes.ALL.stream().map(EventTypes.EventType::type).toList());
    }

    @ParameterizedTest
    @MethodSource("oneOfEach")
    void theLogKeepsEveryFieldAndReadsBackTheSameEvent(Event e) throws Exception {
        String json = EventCodec.toLog(e);
        assertThat(EventCodec.fromLog(json)).isEqualTo(e);
        JsonNode node = JSON.readTree(json);
        assertThat(node.get("type").asText()).isEqualTo(EventTypes.nameOf(e));
        assertThat(node.has("seq")).isFalse();
        EventTypes.of(e.getClass()).internal().forEach(f -> assertThat(node.has(f)).as(f).isTrue());
    }

    @ParameterizedTest
    @MethodSource("oneOfEach")
    void thePublicFormLeavesOutInternalFieldsAndCarriesTheSequenceNumber(Event e) throws Exception {
        String json = EventCodec.toPublic(42, e);
        JsonNode node = JSON.readTree(json);
        assertThat(node.get("seq").asLong()).isEqualTo(42);
        assertThat(node.get("type").asText()).isEqualTo(EventTypes.nameOf(e));
        EventTypes.of(e.getClass()).internal().forEach(f -> assertThat(node.has(f)).as(f).isFalse());
        assertThat(json).doesNotContain("tid-1").doesNotContain("clerk5").doesNotContain("APPT-1");
        EventCodec.Published read = EventCodec.fromPublic(json);
        assertThat(read.seq()).isEqualTo(42);
        assertThat(read.event().getClass()).isEqualTo(e.getClass());
        assertThat(read.event().at()).isEqualTo(e.at());
    }

    @Test
    void aTicketIssuedEventReadsTheSameOnTheStream() throws Exception {
        JsonNode node = JSON.readTree(EventCodec.toPublic(7, oneOfEach().get(2)));
        assertThat(node.get("priority").asText()).as("a priority number, not its class").isEqualTo("priority");
        assertThat(node.get("channel").asText()).isEqualTo("kiosk");
        assertThat(node.get("number").asInt()).isEqualTo(1001);
        assertThat(node.get("at").asText()).isEqualTo("2026-12-01T01:02:03Z");
    }

    @Test
    void theStreamSaysWhetherANumberHasPriorityNeverWhichClass() throws Exception {
        Event.TicketIssued pregnant = (Event.TicketIssued) oneOfEach().get(2);
        String json = EventCodec.toPublic(7, pregnant);
        assertThat(json).doesNotContain("pregnant");
        assertThat(EventCodec.fromPublic(json).event()).isInstanceOfSatisfying(Event.TicketIssued.class,
                t -> assertThat(t.priority()).as("unknown to the stream's readers").isNull());
        assertThat(EventCodec.toLog(pregnant)).as("the log keeps the class").contains("pregnant-or-infant");
        for (Priority p : Priority.values()) {
            Event.TicketIssued t = new Event.TicketIssued(pregnant.at(), "tid-1", 1001, "transcript", p, Channel.KIOSK,
                    "zh-TW", null, null, 0, 0L);
            String wire = JSON.readTree(EventCodec.toPublic(1, t)).get("priority").asText();
            assertThat(wire).isEqualTo(p == Priority.NONE ? Priority.NONE.wire() : PublicPriority.PRIORITY.wire());
        }
        assertThat(EventCodec.fromPublic(EventCodec.toPublic(1, new Event.TicketIssued(pregnant.at(), "tid-1", 1001,
                "transcript", Priority.NONE, Channel.KIOSK, "zh-TW", null, null, 0, 0L))).event())
                .isInstanceOfSatisfying(Event.TicketIssued.class, t -> assertThat(t.priority()).isEqualTo(Priority.NONE));
        assertThat(PublicPriority.NONE.wire()).as("one name for no priority").isEqualTo(Priority.NONE.wire());
    }

    static Stream<WireNamed> everyWireNamedConstant() {
        return Stream.of(Priority.values(), Channel.values(), TicketStatus.values(), CounterStatus.values(),
                        PublicPriority.values())
                .flatMap(Arrays::stream);
    }

    /** Each constant's name on the wire is the one it declares, written and read the same by the codec. */
    @ParameterizedTest
    @MethodSource("everyWireNamedConstant")
    void enumsTravelByTheirDeclaredWireName(WireNamed value) throws Exception {
        ObjectMapper mapper = EventCodec.configure(new ObjectMapper());
        assertThat(mapper.writeValueAsString(value)).isEqualTo('"' + value.wire() + '"');
        assertThat(mapper.readValue('"' + value.wire() + '"', value.getClass())).isEqualTo(value);
        assertThat(value.wire()).matches("[a-z]+(-[a-z]+)*");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object back = WireNamed.fromWire((Class) value.getClass(), value.wire());
        assertThat(back).isEqualTo(value);
    }
}
