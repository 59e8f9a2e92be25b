package tw.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The estimator on cases small enough to work by hand. Until completions are observed, a service takes its
 * configured time: quick 6 minutes (360 s), long 30 minutes (1800 s).
 */
class WorkloadWaitEstimatorTest {

    @Test
    void withNoOpenCounterThereIsNoHonestFigure() {
        SmallOffice o = SmallOffice.balanced();
        Ticket t = o.issue("quick", Priority.NONE);
        assertThat(o.estimator.estimate(o.state, t, o.clock.instant()).seconds()).isNull();
    }

    @Test
    void anIdleCounterMeansNoWait() {
        SmallOffice o = SmallOffice.balanced();
        o.open(2);
        assertThat(o.estimateForNewcomer("quick")).as("none ahead, no wait").isEqualTo(new WaitEstimate(0, 0L));
    }

    @Test
    void twoBusyCountersAndThreeAheadMeanFourDeparturesAtTwiceTheRate() {
        // Counters 1 and 2 serve quick tickets (360 s each): departures at 2/360 per second.
        // Three waiting ahead: the newcomer goes at the 4th departure, (3 + 1) * 360 / 2 = 720 s.
        SmallOffice o = SmallOffice.balanced();
        for (int i = 0; i < 5; i++) {
            o.issue("quick", Priority.NONE);
            o.seconds(1);
        }
        countersOneAndTwoBusy(o);
        assertThat(o.estimateForNewcomer("quick")).as("ahead, seconds").isEqualTo(new WaitEstimate(3, 720L));
    }

    @Test
    void aTicketOfAnotherServiceCountsForTheShareOfCountersInCommon() {
        // Long tickets can go to counter 1 or 3; a quick ticket only competes with them at counter 1.
        // Quick is served by counters 1 and 2. One long ticket waits ahead: C(long) = {1, 3}, C(quick) = {1, 2},
        // in common {1}: it counts 1/2. Both counters busy with quick (360 s): rate 2/360.
        // Departures needed: 0.5 + 1 = 1.5, so 1.5 * 180 = 270 s.
        SmallOffice o = SmallOffice.balanced();
        o.issue("quick", Priority.NONE);
        o.issue("quick", Priority.NONE);
        countersOneAndTwoBusy(o);
        o.open(3);
        o.issue("private", Priority.NONE);
        o.callNext(3);
        o.issue("long", Priority.NONE);
        o.minutes(30);
        assertThat(o.estimateForNewcomer("quick")).as("ahead, seconds").isEqualTo(new WaitEstimate(1, 270L));
    }

    @Test
    void observedServiceTimesPullTheEstimateTowardWhatTheCountersReallyTake() {
        // Quick errands really take 12 minutes here, not 6: after many of them the estimate follows.
        SmallOffice o = SmallOffice.balanced();
        o.open(2);
        for (int i = 0; i < 300; i++) {
            o.issue("quick", Priority.NONE);
            o.callNext(2);
            o.minutes(12);
        }
        double mean = o.state.serviceTimes().meanSeconds("quick");
        // (30 * 360 + 299 * 720) / (30 + 299): the configured time counts as 30 observations.
        assertThat(mean).isCloseTo((30 * 360.0 + 299 * 720.0) / 329, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void theNaiveRuleIgnoresTheCounterBeingFreedAndOtherServices() {
        SmallOffice o = SmallOffice.balanced();
        for (int i = 0; i < 5; i++) {
            o.issue("quick", Priority.NONE);
        }
        countersOneAndTwoBusy(o);
        WaitEstimate naive = o.estimateForNewcomer(new NaiveWaitEstimator(), "quick");
        assertThat(naive.seconds()).isEqualTo(3 * 360 / 2);
    }

    @Test
    void quickErrandsStillArrivingWillOvertakeALongOneAndTheEstimateSaysSo() {
        // Counters 1 (quick, long) and 3 (private, long) are busy; one long ticket waits.
        SmallOffice calm = busyWithOneLongWaiting();
        double before = calm.estimateForNewcomer("long").seconds();

        SmallOffice busy = busyWithOneLongWaiting();
        // Quick errands kept coming over the last half hour (and were served at counter 2, now closed).
        busy.open(2);
        for (int i = 0; i < 20; i++) {
            busy.issue("quick", Priority.NONE);
            busy.callNext(2);
            busy.minutes(1);
        }
        busy.run(new Command.CloseCounter(2, new Actor(Actor.Kind.CLERK, "clerk2")));
        calm.minutes(20);
        double after = busy.estimateForNewcomer("long").seconds();
        double calmAfter = calm.estimateForNewcomer("long").seconds();

        assertThat(calmAfter).isEqualTo(before);
        assertThat(after).isGreaterThan(calmAfter);
        // Overtakers add at most half again.
        assertThat(after).isLessThanOrEqualTo(calmAfter * 1.5 + 1);
    }

    @Test
    void underFirstComeFirstServedNobodyOvertakes() {
        SmallOffice o = new SmallOffice(new FcfsPolicy());
        Ticket t = o.issue("long", Priority.NONE);
        assertThat(o.policy.overtakingWindow(o.state, t, "quick", o.clock.instant(), 600)).isZero();
    }

    @Test
    void underTheBalancedPolicyQuickNewcomersOvertakeForPartOfTheWait() {
        // Targets in the small office: quick 15 * 6/22, long 15 * 30/22 minutes, so r = 6/30 = 0.2.
        // A long ticket that has just arrived (age 0), waiting W = 600 s: newcomers overtake for 600 - 0.2 * 600.
        SmallOffice o = SmallOffice.balanced();
        o.open(1);
        o.open(3);
        Ticket t = o.issue("long", Priority.NONE);
        assertThat(o.policy.overtakingWindow(o.state, t, "quick", o.clock.instant(), 600))
                .isCloseTo(480, org.assertj.core.data.Offset.offset(1.0));
        assertThat(o.policy.overtakingWindow(o.state, t, "long", o.clock.instant(), 600)).isZero();
    }

    @Test
    void aCounterWhoseClerkIsAtLunchCountsFromItsExpectedReturnOnceAPauseOfTodayHasEnded() {
        // Counter 1 serves quick errands (360 s); counter 2's clerk is away. Five wait, the newcomer is the 6th.
        // While no pause of today has ended, counter 2 counts as gone: 6 × 360 = 2160 s. After a first pause of
        // 20 minutes, a second one 10 minutes and 6 seconds old is expected to end in 594 s:
        // W = (6 − (W − 594) / 360) × 360, W = 1377 s.
        SmallOffice gone = SmallOffice.fair();
        SmallOffice back = SmallOffice.fair();
        for (SmallOffice o : java.util.List.of(gone, back)) {
            o.open(1);
            Actor clerk2 = o.open(2);
            if (o == back) {
                o.run(new Command.PauseCounter(2, clerk2));
                o.minutes(20);
                o.run(new Command.OpenCounter(2, clerk2));
            }
            o.run(new Command.PauseCounter(2, clerk2));
            o.minutes(10);
            for (int i = 0; i < 6; i++) {
                o.issue("quick", Priority.NONE);
                o.seconds(1);
            }
            o.callNext(1);
        }
        assertThat(gone.estimateForNewcomer("quick")).isEqualTo(new WaitEstimate(5, 2160L));
        assertThat(back.estimateForNewcomer("quick").seconds()).isBetween(1376L, 1378L);
    }

    @Test
    void aSoleCountersLongQueueIsTakenToGiveUpAboutOnceAnHourBeforeThreeOfItsOwnHaveLeft() {
        // The private room (counter 3) alone: one case started, three wait (30 minutes each). Nobody has left yet
        // today, so the office's rate is 0; the prior (0 + 1) / (0 + 3600 s) for those ahead shortens each step:
        // 1 / (1/1800 + 3/3600) + Σ_{j=1..3} 1 / (1/1800 + (j − 1)/3600) = 720 + 900 + 1200 + 1800 = 4620 s,
        // not 7200.
        SmallOffice o = SmallOffice.fair();
        o.open(3);
        for (int i = 0; i < 4; i++) {
            o.issue("private", Priority.NONE);
        }
        o.callNext(3);
        assertThat(o.estimateForNewcomer("private").seconds()).isBetween(4500L, 4740L);
    }

    /** Counters 1 and 2 open and each calls the first in line: both busy with quick errands (360 s). */
    private static void countersOneAndTwoBusy(SmallOffice o) {
        o.open(1);
        o.open(2);
        o.callNext(1);
        o.callNext(2);
    }

    private static SmallOffice busyWithOneLongWaiting() {
        SmallOffice o = SmallOffice.balanced();
        o.open(1);
        o.open(3);
        o.issue("long", Priority.NONE);
        o.issue("long", Priority.NONE);
        o.callNext(1);
        o.callNext(3);
        o.issue("long", Priority.NONE);
        return o;
    }
}
