package tw.queue.hub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.queue.config.DemoDevices;
import tw.queue.config.DeviceDef;
import tw.queue.config.OfficeConfig;
import tw.queue.config.StaffAccount;
import tw.queue.hub.auth.PasswordHasher;

/**
 * Demo mode: the sample office plus well-known accounts and device tokens, so every part can be tried at once.
 * Accounts: {@code manager}, {@code volunteer}, {@code clerk1}..{@code clerkN}, all with password {@code demo}.
 * Devices: {@code demo-kiosk-1}, {@code demo-kiosk-2}, {@code demo-board-1}, and a panel per counter,
 * {@code demo-panel-N}; each device's token is its id. The devices and their wiring live in hardware-config
 * ({@link DemoDevices}), shared with the agents' {@code --demo}.
 */
public final class DemoOffice {
    public static final String PASSWORD = "demo";

    private DemoOffice() {
    }

    public static OfficeConfig with(OfficeConfig office) {
        return with(office, PasswordHasher.DEFAULT_ITERATIONS);
    }

    /** With the demo accounts' hash at the given cost: tests use a cheap one, --demo never does. */
    public static OfficeConfig with(OfficeConfig office, int hashIterations) {
        // One hash shared by all demo accounts keeps start-up quick; they share a password anyway.
        String hash = PasswordHasher.hash(PASSWORD, hashIterations);
        List<StaffAccount> staff = new ArrayList<>();
        staff.add(new StaffAccount("manager", StaffAccount.StaffRole.MANAGER, hash));
        staff.add(new StaffAccount("volunteer", StaffAccount.StaffRole.VOLUNTEER, hash));
        office.counters().forEach(c ->
                staff.add(new StaffAccount("clerk" + c.number(), StaffAccount.StaffRole.CLERK, hash)));
        List<DeviceDef> devices = DemoDevices.of(office);
        return office.withDevicesAndStaff(devices, staff);
    }

    /** The demo device tokens (each is also the device's id), in the order the banner prints them. */
    public static Map<String, DeviceDef.DeviceType> tokens(OfficeConfig office) {
        Map<String, DeviceDef.DeviceType> tokens = new LinkedHashMap<>();
        DemoDevices.of(office).forEach(d -> tokens.put(d.id(), d.type()));
        return tokens;
    }
}
