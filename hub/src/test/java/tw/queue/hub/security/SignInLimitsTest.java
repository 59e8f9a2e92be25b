package tw.queue.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubPerTest;
import tw.queue.hub.testing.RawHttp;
import tw.queue.time.ManualClock;

/**
 * Someone on the office LAN guesses passwords and pairing codes. The guesser is slowed, then locked out for a
 * quarter of an hour; the staff at other machines sign in and the kiosk being set up pairs as usual. Addresses
 * 127.0.0.2 and up are this machine too, so each "machine" here is a loopback address; the hub's clock is the
 * test's, so a lock-out's end is reached without waiting.
 */
class SignInLimitsTest {
    private static final String GUESSER = "127.0.0.9";
    private static final String CLERKS_PC = "127.0.0.10";
    private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);

    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();

    private int port() {
        return demo.server().port();
    }

    private static List<String> everyone() {
        List<String> users = new ArrayList<>(IntStream.rangeClosed(1, 25).mapToObj(n -> "clerk" + n).toList());
        users.add("manager");
        users.add("volunteer");
        return users;
    }

    @Test
    void aGuessingMachineIsSlowedThenLockedOutAndTheClerksPcSignsInMeanwhile() {
        ManualClock clock = demo.clock();
        List<String> users = everyone();
        List<Long> waits = new ArrayList<>();
        int wrong = 0;
        // 30 wrong passwords spread over every account, so that it is the address that gets locked, not a username
        while (wrong < 30) {
            RawHttp.Response r = RawHttp.login(port(), GUESSER, users.get(wrong % users.size()), "guess" + wrong);
            if (r.status() == 429) {
                assertThat(r.error()).isEqualTo("too-many-logins");
                long wait = Long.parseLong(r.header("Retry-After"));
                waits.add(wait);
                clock.advance(Duration.ofSeconds(wait));
                continue;
            }
            assertThat(r.status()).as(r.body()).isEqualTo(401);
            assertThat(r.error()).isEqualTo("bad-credentials");
            wrong++;
        }
        // free tries, then a wait that grows, to a ceiling
        assertThat(waits).hasSize(30 - 10 - 1).startsWith(1L, 2L, 4L, 8L, 16L, 30L).isSorted();
        assertThat(waits.get(waits.size() - 1)).isEqualTo(30L);

        RawHttp.Response locked = RawHttp.login(port(), GUESSER, "clerk1", "demo");
        assertThat(locked.status()).as("even the right password, while locked out").isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(QUARTER_HOUR.toSeconds() - 5,
                QUARTER_HOUR.toSeconds());
        assertThat(locked.json().getString("message")).contains(locked.header("Retry-After"));

        assertThat(RawHttp.login(port(), CLERKS_PC, "clerk1", "demo").status()).as("another machine").isEqualTo(200);

        clock.advance(QUARTER_HOUR.minusSeconds(2));
        assertThat(RawHttp.login(port(), GUESSER, "clerk2", "demo").status()).as("just before the end").isEqualTo(429);
        clock.advance(Duration.ofSeconds(3));
        assertThat(RawHttp.login(port(), GUESSER, "clerk2", "demo").status()).as("after the lock-out").isEqualTo(200);
    }

    @Test
    void oneUsernameGuessedFromManyMachinesIsLockedOutAndOthersAreNot() {
        ManualClock clock = demo.clock();
        int wrong = 0;
        int machine = 20;
        while (wrong < 10) {
            // a new address for every guess: only the username's count can stop this
            RawHttp.Response r = RawHttp.login(port(), "127.0.0." + machine++, "manager", "guess" + wrong);
            if (r.status() == 429) {
                clock.advance(Duration.ofSeconds(Long.parseLong(r.header("Retry-After"))));
                continue;
            }
            assertThat(r.status()).isEqualTo(401);
            wrong++;
        }
        RawHttp.Response locked = RawHttp.login(port(), CLERKS_PC, "manager", "demo");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.error()).isEqualTo("too-many-logins");
        assertThat(RawHttp.login(port(), CLERKS_PC, "volunteer", "demo").status()).isEqualTo(200);

        clock.advance(QUARTER_HOUR.plusSeconds(1));
        assertThat(RawHttp.login(port(), CLERKS_PC, "manager", "demo").status()).isEqualTo(200);
    }

    @Test
    void wrongPairingCodesFromOneMachineDoNotBlockTheKioskBeingPaired() {
        String manager = demo.client().login("manager");
        for (int i = 0; i < 40; i++) {
            RawHttp.Response r = RawHttp.send(port(), GUESSER, "POST", "/api/pairings/claim", null,
                    String.format("{\"code\":\"%08d\"}", i));
            assertThat(r.status()).isIn(404, 429);
        }
        RawHttp.Response refused = RawHttp.send(port(), GUESSER, "POST", "/api/pairings/claim", null,
                "{\"code\":\"00000099\"}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.error()).isEqualTo("too-many-attempts");
        assertThat(refused.header("Retry-After")).isNotNull();

        String code = demo.client().post("/api/pairings", manager, "{\"type\":\"kiosk\",\"name\":\"entrance\"}")
                .json().getString("code");
        RawHttp.Response paired = RawHttp.send(port(), "127.0.0.30", "POST", "/api/pairings/claim", null,
                "{\"code\":\"" + code + "\"}");
        assertThat(paired.status()).as(paired.body()).isEqualTo(200);
        assertThat(paired.json().getString("role")).isEqualTo("kiosk");
    }
}
