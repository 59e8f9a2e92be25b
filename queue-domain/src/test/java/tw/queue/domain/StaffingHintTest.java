package tw.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tw.queue.config.OfficeConfigLoader;

/**
 * The staffing hint ("open a back-line counter") neither flaps nor goes because the counters it called are open:
 * it stands while the queue still needs them, at least half an hour unless no one would wait at all.
 */
class StaffingHintTest {

    @Test
    void theHintStaysWhileTheCountersItBroughtAreTheLastOnesOfTheWaitingService() {
        SmallOffice o = SmallOffice.withStaffingHint(SmallOffice.OFFICE);
        o.open(1);
        for (int i = 0; i < 4; i++) {
            o.issue("long", Priority.NONE);
        }
        o.callNext(1);
        assertThat(o.state.isStaffingHintActive()).as("three 30-minute cases wait at one counter").isTrue();

        // The reviewer opens counter 3: every counter of "long" is open now, and two still wait 30 minutes each.
        o.open(3);
        o.callNext(3);

        assertThat(o.state.waiting()).hasSize(2);
        assertThat(o.state.isStaffingHintActive()).as("still needed: closing counter 3 would double the wait").isTrue();
    }

    @Test
    void aHintWithdrawsNoSoonerThanHalfAnHourUnlessNoOneWouldWait() {
        SmallOffice o = SmallOffice.withStaffingHint(OfficeConfigLoader.loadBundledSample());
        o.open(1);
        o.open(2);
        for (int i = 0; i < 12; i++) {
            o.issue("transcript", Priority.NONE);
        }
        o.callNext(1);
        o.callNext(2);
        assertThat(o.state.isStaffingHintActive()).as("ten transcripts wait at two counters").isTrue();

        // Six more counters: a newcomer would wait a few minutes, below 70% of the target, but the hint stays.
        for (int c = 3; c <= 8; c++) {
            o.open(c);
            o.callNext(c);
        }
        assertThat(o.state.waiting()).hasSize(4);
        assertThat(o.state.isStaffingHintActive()).as("held: the reviewers are not sent back after one case").isTrue();

        o.minutes(30);
        o.issue("transcript", Priority.NONE);
        assertThat(o.state.isStaffingHintActive()).as("withdrawn once it has stood half an hour").isFalse();
    }

    @Test
    void aHintGoesAtOnceWhenNoOneWouldWait() {
        SmallOffice o = SmallOffice.withStaffingHint(OfficeConfigLoader.loadBundledSample());
        o.open(1);
        o.open(2);
        for (int i = 0; i < 12; i++) {
            o.issue("transcript", Priority.NONE);
        }
        o.callNext(1);
        o.callNext(2);
        assertThat(o.state.isStaffingHintActive()).isTrue();

        for (int c = 3; c <= 13; c++) {
            o.open(c);
            o.callNext(c);
        }

        assertThat(o.state.waiting()).isEmpty();
        assertThat(o.state.isStaffingHintActive()).as("counter 13 is free: a newcomer is called at once").isFalse();
    }
}
