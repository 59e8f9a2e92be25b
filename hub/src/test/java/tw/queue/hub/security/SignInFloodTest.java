package tw.queue.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.server.Limits;
import tw.queue.hub.testing.RawHttp;
import tw.queue.hub.testing.TestHub;
import tw.queue.testsupport.Await;

/**
 * Fifty machines on the LAN try wrong passwords at once while the kiosk goes on issuing numbers. Each check is
 * a slow hash (310,000 PBKDF2 rounds for an unknown username): the hub runs them on a pool of its own, one at
 * a time, sheds what would queue too long with 429 and Retry-After, and the kiosk's numbers come about as fast
 * as before the flood (compared with a baseline taken in the same run, on the same machine).
 */
@org.junit.jupiter.api.Tag("slow")
class SignInFloodTest {
    private static final int MACHINES = 50;
    private static final int TICKETS = 20;

    @TempDir
    Path data;

    @Test
    void fiftyMachinesGuessingPasswordsAtOnceDoNotSlowTheKiosk() throws Exception {
        try (TestHub hub = TestHub.demo(data)) {
            hub.client().issue("transcript"); // warm up
            long[] baseline = issueTimes(hub);

            Set<String> hashingThreads = ConcurrentHashMap.newKeySet();
            AtomicInteger mostAtOnce = new AtomicInteger();
            AtomicBoolean flooding = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (flooding.get()) {
                    int now = 0;
                    for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
                        for (StackTraceElement f : t.getValue()) {
                            if (f.getClassName().endsWith("PasswordHasher") && f.getMethodName().equals("derive")) {
                                hashingThreads.add(t.getKey().getName());
                                now++;
                                break;
                            }
                        }
                    }
                    mostAtOnce.accumulateAndGet(now, Math::max);
                    // every 20 ms (a check takes over 100 ms): each sample stops every thread of this JVM a moment
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                }
            }, "hash-sampler");
            sampler.setDaemon(true);
            sampler.start();

            ExecutorService machines = Executors.newFixedThreadPool(MACHINES);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RawHttp.Response>> guesses = new ArrayList<>();
            for (int m = 0; m < MACHINES; m++) {
                String address = "127.0.1." + (m + 1);
                String username = "intruder" + m;
                guesses.add(machines.submit(() -> {
                    go.await();
                    return RawHttp.login(hub.port(), address, username, "guess");
                }));
            }
            go.countDown();
            Await.until(Duration.ofSeconds(20), () -> !hashingThreads.isEmpty(), "the first password being checked");
            long[] duringFlood = issueTimes(hub);

            List<RawHttp.Response> answers = new ArrayList<>();
            for (Future<RawHttp.Response> g : guesses) {
                answers.add(g.get());
            }
            flooding.set(false);
            machines.shutdown();

            long p50Before = median(baseline);
            long p50During = median(duringFlood);
            System.out.printf("[sign-in flood] ticket issue p50 before %.1f ms, during %d wrong sign-ins %.1f ms"
                            + " (x%.1f); hashing threads %s, at most %d at once%n", p50Before / 1e6, MACHINES,
                    p50During / 1e6, (double) p50During / p50Before, hashingThreads, mostAtOnce.get());

            assertThat(hashingThreads).as("threads that checked passwords")
                    .allMatch(name -> name.startsWith("password-hash"));
            assertThat(mostAtOnce.get()).as("passwords checked at once")
                    .isLessThanOrEqualTo(Limits.DEFAULT.hashThreads());
            assertThat(answers).extracting(RawHttp.Response::status).containsOnly(401, 429).contains(401, 429);
            for (RawHttp.Response busy : answers.stream().filter(a -> a.status() == 429).toList()) {
                assertThat(busy.error()).isEqualTo("login-busy");
                assertThat(Integer.parseInt(busy.header("Retry-After"))).isPositive();
            }
            // A ratio against this run's own baseline (the machine may be busy with other work), with a floor
            // for a baseline of a few milliseconds; an event loop starved by the hashes takes seconds.
            assertThat(p50During).as("median ticket issue during the flood, ns")
                    .isLessThanOrEqualTo(10 * p50Before + Duration.ofMillis(100).toNanos());
        }
    }

    private static long[] issueTimes(TestHub hub) {
        long[] times = new long[TICKETS];
        for (int i = 0; i < TICKETS; i++) {
            long t0 = System.nanoTime();
            hub.client().issue("transcript");
            times[i] = System.nanoTime() - t0;
        }
        return times;
    }

    private static long median(long[] values) {
        List<Long> sorted = new ArrayList<>();
        for (long v : values) {
            sorted.add(v);
        }
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
