package tw.queue.config;

import java.util.List;
import java.util.Map;

/**
 * A device that talks to the hub with a bearer token.
 *
 * @param tokenHash hex SHA-256 of the device's token (tokens are long random secrets, so a fast hash suffices)
 * @param counters the counters a panel may act at (empty for kiosks and boards)
 * @param serial the serial line of its printer or display, if any
 * @param pins GPIO (BCM) pins by function, e.g. "call-next" -> 17
 */
public record DeviceDef(
        String id,
        DeviceType type,
        String tokenHash,
        List<Integer> counters,
        SerialPortDef serial,
        Map<String, Integer> pins) {

    public DeviceDef {
        counters = counters == null ? List.of() : List.copyOf(counters);
        pins = pins == null ? Map.of() : Map.copyOf(pins);
    }

    public enum DeviceType { KIOSK, BOARD, PANEL }

    /** A serial line: the port path (e.g. /dev/ttyUSB0), baud rate and the wire protocol spoken on it. */
    public record SerialPortDef(String port, int baud, String protocol) {
    }
}
