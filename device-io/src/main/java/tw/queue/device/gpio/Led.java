package tw.queue.device.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import tw.queue.hubclient.Background;

/**
 * An LED on a GPIO output: steady on or off, or blinking (a fault, a refused press) for a while or until told
 * otherwise. After a timed blink it returns to its steady state.
 */
public final class Led {
    public static final long BLINK_HALF_PERIOD_MS = 200;
    private static final ScheduledExecutorService TIMER = Background.scheduler("led-blink");

    private final DigitalOutput out;
    private boolean steady;
    private ScheduledFuture<?> blinking;
    private ScheduledFuture<?> blinkEnd;

    public Led(Gpio gpio, int pin, String name) {
        this.out = gpio.output(pin, name);
    }

    /** Steady on or off (stops any blinking). */
    public synchronized void set(boolean on) {
        steady = on;
        stopBlinking();
        out.state(on ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** Blinks for {@code millis} (0: until {@link #set}), then back to the steady state. */
    public synchronized void blink(long millis) {
        stopBlinking();
        blinking = TIMER.scheduleAtFixedRate(out::toggle, 0, BLINK_HALF_PERIOD_MS, TimeUnit.MILLISECONDS);
        if (millis > 0) {
            blinkEnd = TIMER.schedule(() -> set(steady), millis, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized boolean isBlinking() {
        return blinking != null;
    }

    /** Whether the LED is lit right now. */
    public boolean isOn() {
        return out.state() == DigitalState.HIGH;
    }

    private void stopBlinking() {
        if (blinking != null) {
            blinking.cancel(false);
            blinking = null;
        }
        if (blinkEnd != null) {
            blinkEnd.cancel(false);
            blinkEnd = null;
        }
    }
}
