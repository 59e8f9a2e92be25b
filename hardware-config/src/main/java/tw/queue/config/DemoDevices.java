package tw.queue.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The demo devices of the sample office, shared by the hub's {@code --demo} and the agents' {@code --demo}:
 * {@code demo-kiosk-1}, {@code demo-kiosk-2}, {@code demo-board-1} and a panel per counter, {@code demo-panel-N}.
 * Each device's token is its id (public, printed at start-up and listed in the README). The wiring is a sensible
 * Raspberry Pi layout (BCM pin numbers, UART pins 14/15 left free), so {@code --demo --simulate} works as is.
 */
public final class DemoDevices {
    /** The demo kiosks' buttons, in order: service id, button pin, LED pin. Appointment check-in needs a code. */
    private static final String[] KIOSK_SERVICES = {
            "registration", "transcript", "id-card", "seal", "passport", "cdc", "house-number", "nationality", "turning"};
    private static final int[] KIOSK_BUTTON_PINS = {4, 17, 27, 22, 5, 6, 13, 19, 26};
    private static final int[] KIOSK_LED_PINS = {23, 24, 25, 8, 7, 12, 16, 20, 21};
    private static final int KIOSK_HELP_BELL_PIN = 18;

    private DemoDevices() {
    }

    /** The demo devices for {@code office} (its counters decide the panels; buttons only for services it has). */
    public static List<DeviceDef> of(OfficeConfig office) {
        List<DeviceDef> devices = new ArrayList<>();
        for (String id : List.of("demo-kiosk-1", "demo-kiosk-2")) {
            List<DeviceDef.ServiceButton> buttons = new ArrayList<>();
            for (int i = 0; i < KIOSK_SERVICES.length; i++) {
                if (office.service(KIOSK_SERVICES[i]).isPresent()) {
                    buttons.add(new DeviceDef.ServiceButton(KIOSK_SERVICES[i], KIOSK_BUTTON_PINS[i], KIOSK_LED_PINS[i]));
                }
            }
            devices.add(new DeviceDef(id, DeviceDef.DeviceType.KIOSK, sha256(id), List.of(),
                    new DeviceDef.SerialPortDef("/dev/ttyUSB0", 9600, "escpos"), Map.of(), null, buttons,
                    id.equals("demo-kiosk-1") ? KIOSK_HELP_BELL_PIN : null, DeviceDef.PrinterDef.DEFAULT,
                    List.of(), null));
        }
        // An Alpha sign (9600 7E1, the protocol's default), one 16-pixel line of 192 pixels, every counter
        devices.add(new DeviceDef("demo-board-1", DeviceDef.DeviceType.BOARD, sha256("demo-board-1"), List.of(),
                new DeviceDef.SerialPortDef("/dev/ttyUSB0", 9600, "alpha", 7, DeviceDef.Parity.EVEN, 1), Map.of(),
                null, List.of(), null, null, List.of(), null, BoardLayout.DEFAULT));
        for (CounterDef c : office.counters()) {
            String id = "demo-panel-" + c.number();
            Map<DeviceDef.PanelButton, Integer> keys = new EnumMap<>(DeviceDef.PanelButton.class);
            keys.put(DeviceDef.PanelButton.CALL_NEXT, 5);
            keys.put(DeviceDef.PanelButton.RECALL, 6);
            keys.put(DeviceDef.PanelButton.FINISH, 13);
            keys.put(DeviceDef.PanelButton.NO_SHOW, 19);
            keys.put(DeviceDef.PanelButton.PAUSE, 26);
            Map<DeviceDef.Rating, Integer> ratings = new EnumMap<>(DeviceDef.Rating.class);
            ratings.put(DeviceDef.Rating.SATISFIED, 12);
            ratings.put(DeviceDef.Rating.NEUTRAL, 16);
            ratings.put(DeviceDef.Rating.DISSATISFIED, 20);
            DeviceDef.CounterPanel panel = new DeviceDef.CounterPanel(c.number(), keys, 21, ratings,
                    Math.min(c.number(), 247));
            devices.add(new DeviceDef(id, DeviceDef.DeviceType.PANEL, sha256(id), List.of(c.number()),
                    new DeviceDef.SerialPortDef("/dev/ttyUSB0", 9600, "modbus-rtu"), Map.of(), null, List.of(),
                    null, null, List.of(panel), DeviceDef.DisplayDef.DEFAULT));
        }
        return devices;
    }

    /** The office with the demo devices in place of its own. */
    public static OfficeConfig into(OfficeConfig office) {
        return office.withDevicesAndStaff(of(office), office.staff());
    }

    /** Hex SHA-256 of a token, as {@code token-hash} holds it. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
