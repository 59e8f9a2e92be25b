package tw.queue.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on a condition, never on a fixed sleep: polls every 20 ms until it holds or the time is up. */
public final class Await {
    private Await() {
    }

    public static void until(Duration within, BooleanSupplier condition, Supplier<String> whatWeWaitedFor) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toMillis() + " ms for: " + whatWeWaitedFor.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + whatWeWaitedFor.get());
            }
        }
    }

    public static void until(Duration within, BooleanSupplier condition, String whatWeWaitedFor) {
        until(within, condition, () -> whatWeWaitedFor);
    }
}
