package tw.queue.hub.auth;

import tw.queue.config.DeviceDef;
import tw.queue.config.StaffAccount;
import tw.queue.domain.Wire;
import tw.queue.domain.WireNamed;

/** Who may do what: three kinds of device and three kinds of staff. */
public enum Role implements WireNamed {
    @Wire("kiosk") KIOSK,
    @Wire("board") BOARD,
    @Wire("panel") PANEL,
    @Wire("clerk") CLERK,
    @Wire("volunteer") VOLUNTEER,
    @Wire("manager") MANAGER;

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
