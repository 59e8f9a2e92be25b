package tw.queue.device.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.function.Consumer;
import java.util.logging.Logger;

/** A push button on a GPIO input: raw edges through its {@link PressFilter}; each accepted press calls back. */
public final class Button {
    private static final Logger LOG = Logger.getLogger(Button.class.getName());

    private final String name;
    private final PressFilter filter;

    public Button(Gpio gpio, int pin, String name, PressFilter filter, Runnable onPress) {
        this(gpio, pin, name, filter, onPress, v -> { });
    }

    /** As above, telling {@code verdicts} what each edge was (for logs and tests). */
    public Button(Gpio gpio, int pin, String name, PressFilter filter, Runnable onPress,
                  Consumer<PressFilter.Verdict> verdicts) {
        this.name = name;
        this.filter = filter;
        DigitalInput in = gpio.input(pin, name);
        in.addListener(e -> {
            PressFilter.Verdict v;
            synchronized (this) {
                v = filter.edge(e.state() == DigitalState.LOW);
            }
            verdicts.accept(v);
            if (v == PressFilter.Verdict.PRESS) {
                onPress.run();
            } else if (v != PressFilter.Verdict.RELEASE && v != PressFilter.Verdict.BOUNCE) {
                LOG.fine(() -> this.name + ": press ignored (" + v + ")");
            }
        });
    }

    public String name() {
        return name;
    }
}
