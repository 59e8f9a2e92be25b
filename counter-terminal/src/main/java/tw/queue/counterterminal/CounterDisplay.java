package tw.queue.counterterminal;

import tw.queue.config.DeviceDef;
import tw.queue.device.modbus.DisplayRegisters;
import tw.queue.device.modbus.ModbusMaster;

/**
 * The number display above one counter: a Modbus RTU slave on the panel's RS-485 line. Remembers what it
 * should show, so it can be sent again (a display that was off or did not answer catches up on the next send).
 */
final class CounterDisplay {
    private final int counter;
    private final int slave;
    private final int function;
    private final ModbusMaster bus;
    private DisplayRegisters.Mode mode = DisplayRegisters.Mode.BLANK;
    private Integer number;
    private ModbusMaster.Outcome last;

    CounterDisplay(int counter, int slave, DeviceDef.DisplayDef def, ModbusMaster bus) {
        this.counter = counter;
        this.slave = slave;
        this.function = def.function();
        this.bus = bus;
    }

    int counter() {
        return counter;
    }

    Integer number() {
        return number;
    }

    DisplayRegisters.Mode mode() {
        return mode;
    }

    /** Shows {@code number} steady or blinking, or blank; true if the display answered. */
    boolean show(DisplayRegisters.Mode newMode, Integer newNumber) {
        mode = newMode;
        number = newNumber;
        return send();
    }

    /** Sends the current content again. */
    boolean send() {
        last = bus.sendAll(DisplayRegisters.frames(function, slave, DisplayRegisters.values(mode, number)));
        return last == ModbusMaster.Outcome.OK;
    }

    /** The health state of this display, as DEVICE-API.md names it. */
    String health() {
        return last == null || last == ModbusMaster.Outcome.OK ? "ok" : "not-answering";
    }
}
