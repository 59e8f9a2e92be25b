package tw.queue.hub.auth;

import tw.queue.config.DeviceDef;
import tw.queue.config.StaffAccount;

/** Who may do what: three kinds of device and three kinds of staff. */
public enum Role {
    KIOSK, BOARD, PANEL, CLERK, VOLUNTEER, MANAGER;

    public String wire() {
        return name().toLowerCase();
    }

    public static Role of(StaffAccount.StaffRole r) {
        return switch (r) {
            case CLERK -> CLERK;
            case VOLUNTEER -> VOLUNTEER;
            case MANAGER -> MANAGER;
        };
    }

    public static Role of(DeviceDef.DeviceType t) {
        return switch (t) {
            case KIOSK -> KIOSK;
            case BOARD -> BOARD;
            case PANEL -> PANEL;
        };
    }
}
