package tw.queue.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device that talks to the hub with a bearer token, and how it is wired.
 *
 * @param tokenHash hex SHA-256 of the device's token (tokens are long random secrets, so a fast hash suffices)
 * @param counters the counters a panel may act at (empty for kiosks and boards)
 * @param serial the serial line of its printer or display, if any
 * @param pins GPIO (BCM) pins by function, free-form (older files; the wiring below is typed)
 * @param hub the hub's address as the device reaches it (e.g. http://10.0.0.2:8080); null: given on the command line
 * @param buttons a kiosk's buttons, one per service, each with its LED
 * @param helpBellPin a kiosk's help-bell input (愛心鈴), if wired
 * @param printer a kiosk's printer settings (defaults when absent)
 * @param panels a panel device's buttons per counter
 * @param display a panel device's counter number displays (Modbus RTU on its serial line)
 * @param board a board device's layout (LED scrolling-text boards), null for other devices
 */
public record DeviceDef(
        String id,
        DeviceType type,
        String tokenHash,
        List<Integer> counters,
        SerialPortDef serial,
        Map<String, Integer> pins,
        String hub,
        List<ServiceButton> buttons,
        Integer helpBellPin,
        PrinterDef printer,
        List<CounterPanel> panels,
        DisplayDef display,
        BoardLayout board) {

    public DeviceDef {
        counters = counters == null ? List.of() : List.copyOf(counters);
        pins = pins == null ? Map.of() : Map.copyOf(pins);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        panels = panels == null ? List.of() : List.copyOf(panels);
        printer = printer == null && type == DeviceType.KIOSK ? PrinterDef.DEFAULT : printer;
        display = display == null && type == DeviceType.PANEL ? DisplayDef.DEFAULT : display;
        board = board == null && type == DeviceType.BOARD ? BoardLayout.DEFAULT : board;
    }

    /** A device known by its token only (paired, or without wiring). */
    public DeviceDef(String id, DeviceType type, String tokenHash, List<Integer> counters, SerialPortDef serial,
                     Map<String, Integer> pins) {
        this(id, type, tokenHash, counters, serial, pins, null, null, null, null, null, null, null);
    }

    /** A device without a board layout (kiosks, panels). */
    public DeviceDef(String id, DeviceType type, String tokenHash, List<Integer> counters, SerialPortDef serial,
                     Map<String, Integer> pins, String hub, List<ServiceButton> buttons, Integer helpBellPin,
                     PrinterDef printer, List<CounterPanel> panels, DisplayDef display) {
        this(id, type, tokenHash, counters, serial, pins, hub, buttons, helpBellPin, printer, panels, display, null);
    }

    public Optional<CounterPanel> panel(int counter) {
        return panels.stream().filter(p -> p.counter() == counter).findFirst();
    }

    public enum DeviceType { KIOSK, BOARD, PANEL }

    public enum Parity { NONE, EVEN, ODD }

    /**
     * A serial line: the port path (e.g. /dev/ttyUSB0), its settings and the wire protocol spoken on it
     * ({@code escpos} for printers, {@code modbus-rtu} for counter displays).
     */
    public record SerialPortDef(String port, int baud, String protocol, int dataBits, Parity parity, int stopBits) {
        public SerialPortDef(String port, int baud, String protocol) {
            this(port, baud, protocol, 8, Parity.NONE, 1);
        }

        /** The same line on another port (the command line's --serial). */
        public SerialPortDef onPort(String otherPort) {
            return new SerialPortDef(otherPort, baud, protocol, dataBits, parity, stopBits);
        }
    }

    /** A kiosk button: pressing it takes a number for {@code service}; its LED (if any) lights while it is usable. */
    public record ServiceButton(String service, int pin, Integer ledPin) {
    }

    /** How slips are printed: text encoding, paper width, and the public address the QR code points to. */
    public record PrinterDef(TextEncoding encoding, int paperWidthMm, String publicUrl) {
        public static final PrinterDef DEFAULT = new PrinterDef(TextEncoding.BIG5, 80, null);
    }

    /** Big5 for Taiwanese printers, GB18030 for mainland firmware, RASTER (an image) for printers without a CJK font. */
    public enum TextEncoding { BIG5, GB18030, RASTER }

    /** The buttons a panel has at one counter. */
    public enum PanelButton { CALL_NEXT, RECALL, FINISH, NO_SHOW, PAUSE }

    /** The satisfaction box's three buttons, named as the rating they give. */
    public enum Rating { SATISFIED, NEUTRAL, DISSATISFIED }

    /**
     * One counter's buttons, busy LED, optional satisfaction box and the Modbus address of its number display.
     *
     * @param displayAddress the display's Modbus slave address (default: the counter number)
     */
    public record CounterPanel(int counter, Map<PanelButton, Integer> buttons, Integer busyLedPin,
                               Map<Rating, Integer> ratingPins, int displayAddress) {
        public CounterPanel {
            buttons = Map.copyOf(buttons);
            ratingPins = ratingPins == null ? Map.of() : Map.copyOf(ratingPins);
        }
    }

    /**
     * The counter number displays on the panel's RS-485 line.
     *
     * @param function Modbus function used to write: 6 (write single register) or 16 (write multiple registers)
     * @param timeoutMillis how long to wait for a display's reply before calling it not answering
     */
    public record DisplayDef(int function, int timeoutMillis) {
        public static final DisplayDef DEFAULT = new DisplayDef(16, 300);
    }
}
