package tw.queue.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Wrong attempts: a few free, then a wait that doubles to a ceiling, then a lock-out that ends. */
class AttemptLimiterTest {
    private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);
    private final AttemptLimiter limiter = new AttemptLimiter(new AttemptLimiter.Policy(3, Duration.ofSeconds(1),
            Duration.ofSeconds(30), 10, QUARTER_HOUR, QUARTER_HOUR));
    private Instant now = Instant.parse("2026-12-01T01:00:00Z");

    @Test
    void aGuesserWaitsLongerAfterEachWrongTryThenIsLockedOutForAQuarterHour() {
        List<Long> waits = new ArrayList<>();
        for (int wrong = 1; wrong <= 10; wrong++) {
            Optional<Duration> wait = limiter.waitBefore("clerk1", now);
            wait.ifPresent(w -> waits.add(w.toSeconds()));
            now = now.plus(wait.orElse(Duration.ZERO));
            assertThat(limiter.waitBefore("clerk1", now)).isEmpty();
            limiter.failed("clerk1", now);
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 30L);
        assertThat(limiter.lockedOut("clerk1", now)).isTrue();
        assertThat(limiter.waitBefore("clerk1", now)).contains(QUARTER_HOUR);
        assertThat(limiter.waitBefore("clerk2", now)).as("someone else").isEmpty();

        assertThat(limiter.waitBefore("clerk1", now.plus(QUARTER_HOUR).minusSeconds(1))).isPresent();
        assertThat(limiter.waitBefore("clerk1", now.plus(QUARTER_HOUR))).as("the lock-out is over").isEmpty();
        limiter.failed("clerk1", now.plus(QUARTER_HOUR));
        assertThat(limiter.waitBefore("clerk1", now.plus(QUARTER_HOUR))).as("and starts afresh").isEmpty();
    }

    @Test
    void aQuietQuarterHourOrASuccessForgetsTheWrongTries() {
        for (int i = 0; i < 5; i++) {
            now = now.plus(limiter.waitBefore("a", now).orElse(Duration.ZERO));
            limiter.failed("a", now);
            limiter.failed("b", now);
        }
        assertThat(limiter.waitBefore("a", now)).isPresent();
        limiter.succeeded("a");
        assertThat(limiter.waitBefore("a", now)).isEmpty();
        assertThat(limiter.waitBefore("b", now.plus(QUARTER_HOUR))).isEmpty();
        assertThat(limiter.tracked()).isEqualTo(0);
    }

    @Test
    void guessesUnderManyNamesUseBoundedMemory() {
        for (int i = 0; i < 25_000; i++) {
            limiter.failed("name" + i, now);
        }
        assertThat(limiter.tracked()).isLessThanOrEqualTo(10_000);
    }
}
