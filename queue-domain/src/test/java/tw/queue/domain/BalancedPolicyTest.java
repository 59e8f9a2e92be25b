package tw.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The balanced call-next rules, one at a time, on a three-counter office. */
class BalancedPolicyTest {

    @Test
    void anAppointmentDueNowGoesBeforeEveryoneWhoCameEarlier() {
        SmallOffice o = SmallOffice.balanced();
        Ticket walkIn = o.issue("quick", Priority.NONE);
        o.minutes(20);
        Ticket appointment = o.checkIn("A1", "quick", o.clock.instant().minus(Duration.ofMinutes(1)));
        o.open(2);
        assertThat(o.callNext(2)).isEqualTo(appointment.id());
        assertThat(o.callNext(2)).isEqualTo(walkIn.id());
    }

    @Test
    void anAppointmentCheckedInEarlyWaitsForItsTimeButNeverLeavesACounterIdle() {
        SmallOffice o = SmallOffice.balanced();
        Ticket early = o.checkIn("A1", "quick", o.clock.instant().plus(Duration.ofMinutes(30)));
        o.seconds(30);
        Ticket walkIn = o.issue("quick", Priority.NONE);
        o.open(2);
        assertThat(o.callNext(2)).as("the walk-in is served while the appointment is not due").isEqualTo(walkIn.id());
        assertThat(o.callNext(2)).as("nothing else waits: the early appointment is served at once").isEqualTo(early.id());
    }

    @Test
    void aCounterTakesFirstWhatOnlyItCanServe() {
        SmallOffice o = SmallOffice.balanced();
        o.open(1);
        Ticket longCase = o.issue("long", Priority.NONE);
        o.minutes(10);
        Ticket privateCase = o.issue("private", Priority.NONE);
        o.open(3);
        assertThat(o.callNext(3)).as("counter 3 alone serves the private case").isEqualTo(privateCase.id());
        assertThat(o.callNext(1)).isEqualTo(longCase.id());
    }

    /**
     * Two citizens, the later one {@code minutesBetween} after the earlier; {@code minutesAfter} later the clerk
     * opens the counter and calls twice.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            priority classes go ahead of those who came shortly before them | quick | NONE | 2  | quick | ELDERLY            | 0 | 2 | later
            priority never starves someone who has waited much longer        | quick | NONE | 12 | quick | PREGNANT_OR_INFANT | 0 | 2 | earlier
            a quick errand is not held behind a long one that came a moment earlier (four minutes of a 20-minute target against three of a 4-minute one) | long | NONE | 1 | quick | NONE | 3 | 1 | later
            a long errand still rises and is not overtaken forever           | long  | NONE | 20 | quick | NONE               | 0 | 1 | earlier
            """)
    void ofTwoCitizensTheCounterCallsTheRightOneFirst(String scene, String earlierService, Priority earlierPriority,
            long minutesBetween, String laterService, Priority laterPriority, long minutesAfter, int counter,
            String calledFirst) {
        SmallOffice o = SmallOffice.balanced();
        Ticket earlier = o.issue(earlierService, earlierPriority);
        o.minutes(minutesBetween);
        Ticket later = o.issue(laterService, laterPriority);
        o.minutes(minutesAfter);
        o.open(counter);
        List<Ticket> order = calledFirst.equals("earlier") ? List.of(earlier, later) : List.of(later, earlier);
        assertThat(o.callNext(counter)).isEqualTo(order.get(0).id());
        assertThat(o.callNext(counter)).isEqualTo(order.get(1).id());
    }

    @Test
    void everyEligibleTicketIsCalledSoNoCounterIdlesWhileWorkWaits() {
        SmallOffice o = SmallOffice.balanced();
        o.checkIn("A1", "long", o.clock.instant().plus(Duration.ofHours(2)));
        o.issue("private", Priority.NONE);
        o.open(1);
        o.open(3);
        assertThat(o.callNext(1)).isNotNull();
        assertThat(o.callNext(3)).isNotNull();
        assertThat(o.state.waiting()).isEmpty();
    }

    @Test
    void fcfsCallsTheOldestEligibleTicketWhateverItsClass() {
        SmallOffice o = new SmallOffice(new FcfsPolicy());
        Ticket first = o.issue("long", Priority.NONE);
        o.minutes(1);
        o.issue("quick", Priority.ELDERLY);
        o.open(1);
        assertThat(o.callNext(1)).isEqualTo(first.id());
    }
}
