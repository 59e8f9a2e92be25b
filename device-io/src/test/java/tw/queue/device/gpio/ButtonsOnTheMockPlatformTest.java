package tw.queue.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Buttons and LEDs through Pi4J's mock platform (which applies no debounce: every mocked edge reaches our
 * listener), with the filter's clock driven by the test.
 */
class ButtonsOnTheMockPlatformTest {
    private static final int PIN = 17;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicInteger presses = new AtomicInteger();
    private final List<PressFilter.Verdict> verdicts = new ArrayList<>();
    private Gpio gpio;

    @BeforeEach
    void wire() {
        gpio = Gpio.simulated();
        new Button(gpio, PIN, "transcript", new PressFilter(now::get, 30, 1500, 6), presses::incrementAndGet,
                verdicts::add);
    }

    @AfterEach
    void unplug() {
        gpio.close();
    }

    private void at(long millis, boolean closed) {
        now.set(1_000_000 + millis);
        gpio.contact(PIN, closed);
    }

    @Test
    void aBouncingContactIsOnePress() {
        at(0, true);
        at(2, false);
        at(4, true);
        at(9, false);
        at(12, true);
        at(200, false);

        assertThat(presses).hasValue(1);
        assertThat(verdicts).containsExactly(PressFilter.Verdict.PRESS, PressFilter.Verdict.RELEASE,
                PressFilter.Verdict.BOUNCE, PressFilter.Verdict.BOUNCE, PressFilter.Verdict.BOUNCE,
                PressFilter.Verdict.BOUNCE);
    }

    @Test
    void aTapShorterThanTheDebounceTimeStillCountsAndTheNextTapToo() {
        at(0, true);
        at(1, false);
        at(2000, true);
        at(2001, false);
        assertThat(presses).hasValue(2);
    }

    @Test
    void aHeldButtonGivesOneTicketHoweverLongItIsHeld() {
        at(0, true);
        for (int t = 100; t <= 10_000; t += 100) {
            at(t, true); // held down for ten seconds: no auto-repeat
        }
        at(10_050, false);

        assertThat(presses).hasValue(1);
        assertThat(verdicts).containsExactly(PressFilter.Verdict.PRESS, PressFilter.Verdict.RELEASE);
    }

    @Test
    void aHeldButtonWhoseContactChattersIsHeldToTheLockOutAndTheMinuteLimit() {
        at(0, true);
        for (int t = 200; t <= 30_000; t += 200) {
            at(t, false);    // a worn contact opens for a moment...
            at(t + 40, true); // ...and closes again while still held
        }
        assertThat(presses).as("at most one per 1.5 s lock-out, and 6 a minute").hasValue(6);
        assertThat(verdicts).contains(PressFilter.Verdict.LOCKED_OUT, PressFilter.Verdict.OVER_LIMIT);
    }

    @Test
    void aDoublePressWithinTheLockOutIsOneTicketAndTheNextAfterItCounts() {
        at(0, true);
        at(100, false);
        at(400, true);   // 0.4 s after the first: locked out
        at(500, false);
        at(1600, true);  // 1.6 s after: a new press
        at(1700, false);

        assertThat(presses).hasValue(2);
        assertThat(verdicts).containsSubsequence(PressFilter.Verdict.PRESS, PressFilter.Verdict.LOCKED_OUT,
                PressFilter.Verdict.PRESS);
    }

    @Test
    void aHammeredButtonStopsAtThePerMinuteLimitAndRecoversAfterAMinute() {
        for (int i = 0; i < 20; i++) {
            at(i * 2000L, true);
            at(i * 2000L + 100, false);
        }
        assertThat(presses).as("20 presses 2 s apart within 40 s, limit 6 a minute").hasValue(6);
        assertThat(verdicts).contains(PressFilter.Verdict.OVER_LIMIT);

        at(100_000, true);
        assertThat(presses).as("a minute after the sixth, presses count again").hasValue(7);
    }

    @Test
    void anLedLightsBlinksAndReturnsToItsSteadyState() throws Exception {
        Led led = new Led(gpio, 23, "transcript-led");
        assertThat(led.isOn()).isFalse();
        led.set(true);
        assertThat(led.isOn()).isTrue();

        led.blink(1000);
        assertThat(led.isBlinking()).isTrue();
        List<Boolean> seen = new ArrayList<>();
        long until = System.currentTimeMillis() + 5000;
        while (led.isBlinking() && System.currentTimeMillis() < until) {
            seen.add(led.isOn());
            Thread.sleep(20); // sampling the LED ten times per blink phase
        }
        assertThat(seen).as("it went dark and lit again while blinking").contains(true, false);
        assertThat(led.isBlinking()).isFalse();
        assertThat(led.isOn()).as("back to steady on").isTrue();
    }
}
