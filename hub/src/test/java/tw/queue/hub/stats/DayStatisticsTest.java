package tw.queue.hub.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.queue.domain.Channel;
import tw.queue.domain.Event;
import tw.queue.domain.Priority;

/** A small day worked by hand: three citizens, two clerks. */
class DayStatisticsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");

    private static Instant at(int minutes) {
        return T0.plusSeconds(minutes * 60L);
    }

    private static Event.TicketIssued issued(String id, int number, String service, int minute) {
        return new Event.TicketIssued(at(minute), id, number, service, Priority.NONE, Channel.KIOSK, null, null, null,
                0, 0L);
    }

    @Test
    void waitsServiceTimesAndClerksAreCountedFromTheEvents() {
        List<Event> events = List.of(
                issued("a", 2001, "transcript", 0),
                issued("b", 2002, "transcript", 1),
                issued("c", 1001, "registration", 2),
                new Event.TicketCalled(at(5), "a", 2001, "transcript", 1, "clerk1"),      // waited 5 min
                new Event.TicketCalled(at(21), "b", 2002, "transcript", 2, "clerk2"),     // waited 20 min
                new Event.TicketFinished(at(11), "a", 2001, "transcript", 1, "clerk1"),   // served 6 min
                new Event.TicketNoShow(at(22), "b", 2002, "transcript", 2, "clerk2"),
                new Event.TicketCalled(at(12), "c", 1001, "registration", 1, "clerk1"),   // waited 10 min
                new Event.TicketTransferred(at(14), "c", 1001, "registration", "seal", 1, "clerk1"),
                new Event.TicketCancelled(at(30), "c", 1001, "seal", Event.TicketCancelled.DAY_CLOSED));

        DayStatistics.Summary s = DayStatistics.of("2026-11-23", events);

        DayStatistics.Figures all = s.overall();
        assertThat(all.issued()).isEqualTo(3);
        assertThat(all.served()).isEqualTo(1);
        assertThat(all.noShow()).isEqualTo(1);
        assertThat(all.notServed()).isEqualTo(1);
        assertThat(all.meanWaitSeconds()).isEqualTo((5 + 20 + 10) * 60 / 3.0);
        assertThat(all.p50WaitSeconds()).isEqualTo(600.0);
        assertThat(all.maxWaitSeconds()).isEqualTo(1200.0);
        assertThat(all.within15()).isEqualTo(2 / 3.0);
        assertThat(all.meanServiceSeconds()).isEqualTo(360.0);
        // The transferred ticket now counts under its new service.
        assertThat(s.services()).extracting(DayStatistics.Figures::key).containsExactly("seal", "transcript");

        assertThat(s.clerks()).extracting(DayStatistics.ClerkFigures::clerk).containsExactly("clerk1", "clerk2");
        DayStatistics.ClerkFigures clerk1 = s.clerks().get(0);
        assertThat(clerk1.called()).isEqualTo(2);
        assertThat(clerk1.served()).isEqualTo(1);
        assertThat(clerk1.transferred()).isEqualTo(1);
        assertThat(clerk1.meanServiceSeconds()).isEqualTo(360.0);
        assertThat(s.clerks().get(1).noShow()).isEqualTo(1);
    }

    @Test
    void theHelpBellsTimeToAcknowledgeAndTheRatingsAreCounted() {
        List<Event> events = List.of(
                new Event.AlertRaised(at(1), "a-1", "help", "entrance", "kiosk-1", null),
                new Event.AlertAcknowledged(at(2), "a-1", "help", "entrance", 40, "volunteer"),
                new Event.AlertRaised(at(3), "a-2", "help", "entrance", "kiosk-1", null),
                new Event.AlertAcknowledged(at(5), "a-2", "help", "entrance", 100, "manager"),
                new Event.AlertRaised(at(9), "a-3", "help", "entrance", "kiosk-1", null),
                new Event.TicketRated(at(10), "t1", 2001, "transcript", 1, "satisfied", null),
                new Event.TicketRated(at(11), "t2", 2002, "transcript", 1, "satisfied", "fast"),
                new Event.TicketRated(at(12), "t3", 2003, "transcript", 2, "dissatisfied", null));

        DayStatistics.Summary s = DayStatistics.of("2026-11-23", events);

        assertThat(s.alerts()).isEqualTo(new DayStatistics.AlertFigures(3, 2, 70.0, 100L));
        assertThat(s.ratings()).isEqualTo(new DayStatistics.RatingFigures(2, 0, 1));
    }

    @Test
    void aDayWithoutAlertsHasNoTimeToAcknowledge() {
        DayStatistics.Summary s = DayStatistics.of("2026-11-23", List.of(issued("a", 2001, "transcript", 0)));
        assertThat(s.alerts()).isEqualTo(new DayStatistics.AlertFigures(0, 0, null, null));
    }
}
