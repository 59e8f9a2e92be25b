package tw.queue.device.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.HashMap;
import java.util.Map;

/**
 * The Pi's GPIO through Pi4J: gpiod on a Pi 4 or 5 (Bookworm), or the mock platform for {@code --simulate} and
 * tests. Buttons are wired between the pin and ground with the pull-up on, so a press reads LOW; LEDs light on
 * HIGH. Pins are BCM numbers, as in the office config.
 */
public final class Gpio implements AutoCloseable {
    static {
        // Pi4J's board detection logs errors off a Pi (no /proc/device-tree/model); that is expected here.
        System.setProperty("org.slf4j.simpleLogger.log.com.pi4j.boardinfo", "off");
    }

    private final Context pi4j;
    private final boolean simulated;
    private final Map<Integer, DigitalInput> inputs = new HashMap<>();
    private final Map<Integer, DigitalOutput> outputs = new HashMap<>();

    private Gpio(Context pi4j, boolean simulated) {
        this.pi4j = pi4j;
        this.simulated = simulated;
    }

    /** The mock platform: inputs are pressed from code ({@link #press}), outputs are read back. */
    public static Gpio simulated() {
        return new Gpio(Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build(), true);
    }

    /** The real pins through the kernel's GPIO character device (libgpiod). */
    public static Gpio onPi() {
        return new Gpio(Pi4J.newContextBuilder()
                .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                .build(), false);
    }

    public boolean isSimulated() {
        return simulated;
    }

    public synchronized DigitalInput input(int pin, String name) {
        return inputs.computeIfAbsent(pin, p -> {
            DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("in-" + p).name(name)
                    .address(p).pull(PullResistance.PULL_UP).build());
            if (in instanceof MockDigitalInput mock) {
                mock.mockState(DigitalState.HIGH); // released, as the pull-up holds it
            }
            return in;
        });
    }

    public synchronized DigitalOutput output(int pin, String name) {
        return outputs.computeIfAbsent(pin, p -> pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("out-" + p)
                .name(name).address(p).initial(DigitalState.LOW).shutdown(DigitalState.LOW).build()));
    }

    /** Simulated only: the contact at {@code pin} closes (true) or opens (false). */
    public void contact(int pin, boolean closed) {
        DigitalInput in;
        synchronized (this) {
            in = inputs.get(pin);
        }
        if (!(in instanceof MockDigitalInput mock)) {
            throw new IllegalStateException("pin " + pin + " is not a simulated input");
        }
        mock.mockState(closed ? DigitalState.LOW : DigitalState.HIGH);
    }

    /** Simulated only: a short press and release. */
    public void press(int pin) {
        contact(pin, true);
        contact(pin, false);
    }

    @Override
    public void close() {
        try {
            pi4j.shutdown();
        } catch (RuntimeException ignored) {
            // shutting down anyway
        }
    }
}
