package tw.queue.hub.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The hub is killed twice in a busy morning": the crash loop ({@link CrashLoop}, the 100-kill run is
 * {@code scripts/crash-loop.sh}) at two kills, kiosks, counters and boards working through HTTP meanwhile.
 */
@Tag("slow")
@Timeout(value = 7200, unit = TimeUnit.SECONDS)
class CrashLoopTest {
    @TempDir
    Path tmp;

    @Test
    void kioskCountersAndBoardsCarryOnThroughTwoKillsWithNothingLostOrCalledTwice() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("CrashLoopTest: seed " + seed + " (-Dcrash.seed=" + seed + ")");
        // -Dcrash.kills=100 is the long run (scripts/crash-loop.sh)
        int kills = Integer.getInteger("crash.kills", 2);
        CrashLoop.Result r = new CrashLoop(tmp, kills, seed).run();
        System.out.println(r);
        assertThat(r.problems()).as("the crash loop's checks (hub log: %s)", tmp.resolve("hub.log")).isEmpty();
        assertThat(r.answered()).as("tickets answered").isPositive();
        assertThat(r.called()).as("calls answered").isPositive();
        assertThat(r.lost()).isZero();
    }
}
