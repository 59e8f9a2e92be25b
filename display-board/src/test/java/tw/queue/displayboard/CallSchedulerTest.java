package tw.queue.displayboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.queue.displayboard.content.CallScheduler;
import tw.queue.displayboard.content.CallScheduler.Call;
import tw.queue.displayboard.content.CallScheduler.Showing;
import tw.queue.time.ManualClock;

class CallSchedulerTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T01:00:00Z"));
    /** Two languages of 4 s each: a call counts as shown after 8 s; alone it stays up 16 s. */
    private final CallScheduler board = new CallScheduler(clock, Duration.ofSeconds(8), 2);

    @BeforeEach
    void linkUp() {
        board.link(true);
    }

    private static Call call(long seq, int number, int counter) {
        return new Call(seq, number, counter, "transcript", false);
    }

    private Call up() {
        Showing s = board.tick();
        return s instanceof Showing.CallUp c ? c.call() : null;
    }

    @Test
    void aCallIsUpAtOnceHeldThenTheAnnouncementReturns() {
        board.announcement(Map.of("zh-TW", "請多利用網路預約", "en", "Book online"));
        assertThat(board.tick()).isInstanceOf(Showing.Announcement.class);
        board.offer(call(1, 2001, 5));
        assertThat(up().number()).isEqualTo(2001);
        clock.advance(Duration.ofSeconds(15));
        assertThat(up().number()).isEqualTo(2001);
        clock.advance(Duration.ofSeconds(1));
        assertThat(board.tick()).isInstanceOf(Showing.Announcement.class);
        assertThat(board.shown()).extracting(Call::number).containsExactly(2001);
    }

    @Test
    void aMorningRushAtTenCountersShowsTheNewestAtOnceAndEveryOtherOnceAfter() {
        for (int i = 0; i < 10; i++) {
            board.offer(call(10 + i, 1001 + i, i + 1));
            assertThat(up().number()).as("newest up at once").isEqualTo(1001 + i);
            clock.advance(Duration.ofMillis(200));
        }
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofSeconds(1));
            board.tick();
        }
        assertThat(board.shown()).extracting(Call::number)
                .containsExactly(1010, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009);
        assertThat(board.dropped()).isEmpty();
    }

    @Test
    void aBoardBusyOnItsSlowLineStillGivesEveryCallItsTimeOnTheBoard() {
        board.offer(call(1, 2001, 5));
        board.offer(call(2, 2002, 6));
        clock.advance(Duration.ofSeconds(20)); // nothing could be drawn meanwhile
        assertThat(up().number()).as("the newest, not skipped").isEqualTo(2002);
        clock.advance(Duration.ofSeconds(8));
        assertThat(up().number()).isEqualTo(2001);
        assertThat(board.shown()).extracting(Call::number).containsExactly(2002);
    }

    @Test
    void aCallWaitingWhileItsCounterCallsTheNextCitizenIsNeverShown() {
        board.offer(call(1, 2001, 5));
        clock.advance(Duration.ofSeconds(1));
        board.offer(call(2, 1001, 7));
        clock.advance(Duration.ofSeconds(1));
        board.offer(call(3, 2002, 5)); // counter 5 called someone else: 2001 is stale
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofSeconds(1));
            board.tick();
        }
        assertThat(board.shown()).extracting(Call::number).containsExactly(2002, 1001);
        assertThat(board.dropped()).extracting(Call::number).containsExactly(2001);
    }

    @Test
    void eventsReplayedAfterAReconnectAreNotShownTwice() {
        board.offer(call(5, 2001, 5));
        assertThat(board.offer(call(5, 2001, 5))).isFalse();
        assertThat(board.offer(call(4, 1999, 3))).isFalse();
        board.seen(9);
        assertThat(board.offer(call(8, 2002, 5))).isFalse();
        assertThat(board.offer(call(10, 2002, 5))).isTrue();
    }

    @Test
    void aRecallIsShownAsARecallEvenOfTheNumberJustShown() {
        board.offer(call(1, 2001, 5));
        clock.advance(Duration.ofSeconds(20));
        board.tick();
        board.offer(new Call(2, 2001, 5, "transcript", true));
        assertThat(up().recall()).isTrue();
    }

    @Test
    void withTheHubUnreachableTheBoardSaysSoInsteadOfOldCalls() {
        board.offer(call(1, 2001, 5));
        board.link(false);
        assertThat(board.tick()).isInstanceOf(Showing.Reconnecting.class);
        board.link(true);
        assertThat(up().number()).isEqualTo(2001);
    }
}
