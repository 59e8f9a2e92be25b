package tw.queue.hub.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tw.queue.domain.DeviceStatus;
import tw.queue.domain.OfficeState;

/**
 * When each device was last heard from, and which have been silent too long. Heartbeats are not facts worth
 * logging (every 15 s from every device), so they stay here in memory; what a device last said, and when it
 * went offline, are events in the log ({@code device.health}, through the one writer). After a restart every
 * device gets the full threshold to report again before it counts as offline.
 */
public final class DeviceMonitor {
    public static final Duration DEFAULT_OFFLINE_AFTER = Duration.ofSeconds(60);

    private final Clock clock;
    private final Duration offlineAfter;
    private final Instant startedAt;
    private final Map<String, Instant> lastSeen = new HashMap<>();

    public DeviceMonitor(Clock clock, Duration offlineAfter) {
        this.clock = clock;
        this.offlineAfter = offlineAfter;
        this.startedAt = clock.instant();
    }

    public Instant now() {
        return clock.instant();
    }

    public void heard(String device) {
        lastSeen.put(device, clock.instant());
    }

    /** When the device last reported: a heartbeat since start, else its last logged change. */
    public Optional<Instant> lastSeen(String device, OfficeState state) {
        Instant seen = lastSeen.get(device);
        if (seen != null) {
            return Optional.of(seen);
        }
        return state.device(device).map(OfficeState.Device::changedAt);
    }

    /** Devices the log has as not offline that have not reported for longer than the threshold. */
    public List<String> silent(OfficeState state) {
        Instant now = clock.instant();
        List<String> out = new ArrayList<>();
        for (OfficeState.Device d : state.devices()) {
            if (DeviceStatus.OFFLINE.equals(d.status())) {
                continue;
            }
            Instant seen = lastSeen.getOrDefault(d.id(), startedAt);
            if (Duration.between(seen, now).compareTo(offlineAfter) > 0) {
                out.add(d.id());
            }
        }
        return out;
    }

    /** The device's status as of now: what it last said, or offline when silent too long or never heard. */
    public String status(String device, OfficeState state) {
        Optional<OfficeState.Device> d = state.device(device);
        if (d.isEmpty()) {
            return DeviceStatus.OFFLINE;
        }
        Instant seen = lastSeen.getOrDefault(device, startedAt);
        if (Duration.between(seen, clock.instant()).compareTo(offlineAfter) > 0) {
            return DeviceStatus.OFFLINE;
        }
        return d.get().status();
    }
}
