package tw.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fair policy on cases small enough to work by hand (quick 6 minutes, long and private 30). */
class FairPolicyTest {

    @Test
    void aPrivateCaseAtItsOneCounterCountsOnlyThatCountersOwnCasesAhead() {
        SmallOffice o = SmallOffice.fair();
        o.open(3);
        o.issue("private", Priority.NONE);
        o.callNext(3);
        for (int i = 0; i < 5; i++) {
            o.issue("long", Priority.NONE);
        }
        o.minutes(10);
        WaitEstimate e = o.estimateForNewcomer("private");
        assertThat(e.ahead()).isZero();
        // What is left of the private case in progress: 30 - 10 = 20 minutes.
        assertThat(e.seconds()).isEqualTo(1200L);
    }
}
