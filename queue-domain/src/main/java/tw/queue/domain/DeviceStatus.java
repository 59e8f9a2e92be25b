package tw.queue.domain;

import java.util.Map;

/**
 * A device's overall status from its components' states. {@code ok} and {@code paper-low} are not faults
 * ({@code paper-low} is a warning: change the roll soon); any other state is a fault. A device not heard
 * from for a while is offline, whatever it said last.
 */
public final class DeviceStatus {
    public static final String OK = "ok";
    public static final String WARNING = "warning";
    public static final String FAULT = "fault";
    public static final String OFFLINE = "offline";

    /** Component states that call for attention without stopping the device. */
    private static final java.util.Set<String> WARNINGS = java.util.Set.of("paper-low");

    private DeviceStatus() {
    }

    public static String of(Map<String, String> components) {
        String status = OK;
        for (String state : components.values()) {
            if (WARNINGS.contains(state)) {
                status = WARNING;
            } else if (!OK.equals(state)) {
                return FAULT;
            }
        }
        return status;
    }
}
