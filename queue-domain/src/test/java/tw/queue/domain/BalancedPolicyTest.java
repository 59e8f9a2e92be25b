package tw.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

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
    void priorityClassesGoAheadOfThoseWhoCameShortlyBeforeThem() {
        SmallOffice o = SmallOffice.balanced();
        Ticket regular = o.issue("quick", Priority.NONE);
        o.minutes(2);
        Ticket elderly = o.issue("quick", Priority.ELDERLY);
        o.open(2);
        assertThat(o.callNext(2)).isEqualTo(elderly.id());
        assertThat(o.callNext(2)).isEqualTo(regular.id());
    }

    @Test
    void priorityNeverStarvesSomeoneWhoHasWaitedMuchLonger() {
        SmallOffice o = SmallOffice.balanced();
        Ticket regular = o.issue("quick", Priority.NONE);
        o.minutes(12);
        Ticket pregnant = o.issue("quick", Priority.PREGNANT_OR_INFANT);
        o.open(2);
        assertThat(o.callNext(2)).isEqualTo(regular.id());
        assertThat(o.callNext(2)).isEqualTo(pregnant.id());
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

    @Test
    void aQuickErrandIsNotHeldBehindALongOneThatCameAMomentEarlier() {
        SmallOffice o = SmallOffice.balanced();
        Ticket longCase = o.issue("long", Priority.NONE);
        o.minutes(1);
        Ticket quick = o.issue("quick", Priority.NONE);
        o.minutes(3);
        // Four minutes of a 20-minute target against three of a 4-minute one.
        o.open(1);
        assertThat(o.callNext(1)).isEqualTo(quick.id());
        assertThat(o.callNext(1)).isEqualTo(longCase.id());
    }

    @Test
    void aLongErrandStillRisesAndIsNotOvertakenForever() {
        SmallOffice o = SmallOffice.balanced();
        Ticket longCase = o.issue("long", Priority.NONE);
        o.minutes(20);
        Ticket quick = o.issue("quick", Priority.NONE);
        o.open(1);
        assertThat(o.callNext(1)).isEqualTo(longCase.id());
        assertThat(o.callNext(1)).isEqualTo(quick.id());
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
