package tw.queue.device.agent;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tw.queue.config.ConfigException;
import tw.queue.config.DemoDevices;
import tw.queue.config.DeviceDef;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;

/**
 * The agents' common command line, {@code --hub URL [--config FILE] [--device ID] [--serial PATH] [--simulate]
 * [--demo]}, resolved to the device entry, its token and the hub address. Any problem is one clear line
 * ({@link SetupException}, exit code 2), never a stack trace.
 *
 * <p>The token: with {@code --demo} it is the device id (the demo tokens are public); otherwise it is read
 * from {@code QUEUE_DEVICE_TOKEN}, or from the file named by {@code QUEUE_DEVICE_TOKEN_FILE}, and must match
 * the device's {@code token-hash} in the office config.
 */
public record AgentSetup(URI hub, OfficeConfig office, DeviceDef device, String token, boolean simulate,
                         boolean demo) {
    public static final int EXIT_SETUP = 2;

    /** A problem with the command line, the config, the device or its port: one line for the installer. */
    public static final class SetupException extends Exception {
        public SetupException(String message) {
            super(message);
        }
    }

    public static AgentSetup parse(String[] args, DeviceDef.DeviceType kind, Map<String, String> env)
            throws SetupException {
        AgentMessages m = new AgentMessages(Locale.getDefault());
        String hub = null;
        Path config = null;
        String deviceId = null;
        String serial = null;
        boolean simulate = false;
        boolean demo = false;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            switch (a) {
                case "--hub" -> hub = value(rest, a, m);
                case "--config" -> config = Path.of(value(rest, a, m));
                case "--device" -> deviceId = value(rest, a, m);
                case "--serial" -> serial = value(rest, a, m);
                case "--simulate" -> simulate = true;
                case "--demo" -> demo = true;
                default -> throw new SetupException(m.get("cli.unknownOption", a));
            }
        }
        if (demo == (config != null)) {
            throw new SetupException(m.get("cli.demoOrConfig"));
        }
        OfficeConfig office;
        try {
            office = demo ? DemoDevices.into(OfficeConfigLoader.loadBundledSample()) : OfficeConfigLoader.load(config);
        } catch (ConfigException e) {
            throw new SetupException(e.getMessage().strip().replace('\n', ' '));
        }
        DeviceDef device = pick(office, kind, deviceId, m);
        if (serial != null) {
            device = withSerial(device, serial);
        }
        if (hub == null) {
            hub = device.hub();
        }
        if (hub == null) {
            throw new SetupException(m.get("cli.noHub"));
        }
        URI hubUri;
        try {
            hubUri = URI.create(hub);
            if (!"http".equals(hubUri.getScheme()) && !"https".equals(hubUri.getScheme()) || hubUri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new SetupException(m.get("cli.badHub", hub));
        }
        String token = demo ? device.id() : token(env, device, m);
        if (device.serial() == null) {
            throw new SetupException(m.get("cli.noSerial", device.id()));
        }
        if (!Files.exists(Path.of(device.serial().port()))) {
            throw new SetupException(m.get("cli.missingPort", device.serial().port(), device.id()));
        }
        return new AgentSetup(hubUri, office, device, token, simulate, demo);
    }

    private static DeviceDef pick(OfficeConfig office, DeviceDef.DeviceType kind, String id, AgentMessages m)
            throws SetupException {
        String kindName = kind.name().toLowerCase(Locale.ROOT);
        if (id == null) {
            return office.devices().stream().filter(d -> d.type() == kind).findFirst()
                    .orElseThrow(() -> new SetupException(m.get("cli.noDeviceOfKind", kindName)));
        }
        Optional<DeviceDef> d = office.devices().stream().filter(x -> x.id().equals(id)).findFirst();
        if (d.isEmpty()) {
            throw new SetupException(m.get("cli.unknownDevice", id));
        }
        if (d.get().type() != kind) {
            throw new SetupException(m.get("cli.wrongKind", id, d.get().type().name().toLowerCase(Locale.ROOT), kindName));
        }
        return d.get();
    }

    private static DeviceDef withSerial(DeviceDef d, String port) {
        String protocol = switch (d.type()) {
            case KIOSK -> "escpos";
            case BOARD -> "alpha";
            case PANEL -> "modbus-rtu";
        };
        DeviceDef.SerialPortDef line = d.serial() == null
                ? new DeviceDef.SerialPortDef(port, 9600, protocol) : d.serial().onPort(port);
        return new DeviceDef(d.id(), d.type(), d.tokenHash(), d.counters(), line, d.pins(), d.hub(), d.buttons(),
                d.helpBellPin(), d.printer(), d.panels(), d.display(), d.board());
    }

    private static String token(Map<String, String> env, DeviceDef device, AgentMessages m) throws SetupException {
        String token = env.get("QUEUE_DEVICE_TOKEN");
        String file = env.get("QUEUE_DEVICE_TOKEN_FILE");
        if ((token == null || token.isBlank()) && file != null) {
            try {
                token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new SetupException(m.get("cli.tokenFile", file));
            }
        }
        if (token == null || token.isBlank()) {
            throw new SetupException(m.get("cli.noToken", device.id()));
        }
        if (!DemoDevices.sha256(token).equals(device.tokenHash())) {
            throw new SetupException(m.get("cli.tokenMismatch", device.id()));
        }
        return token;
    }

    private static String value(List<String> rest, String option, AgentMessages m) throws SetupException {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new SetupException(m.get("cli.missingValue", option));
        }
        return rest.remove(0);
    }
}
