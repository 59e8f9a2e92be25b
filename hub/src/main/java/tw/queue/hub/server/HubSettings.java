package tw.queue.hub.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import tw.queue.config.OfficeConfig;
import tw.queue.domain.CallNextPolicy;
import tw.queue.domain.WaitEstimator;
import tw.queue.domain.WorkloadWaitEstimator;

/**
 * Everything a hub needs to start: the office, where its data lives, where it listens, and its rules.
 *
 * @param targetWait above this predicted wait the hub hints to open a back-line counter
 * @param deviceOfflineAfter a device not heard from for longer than this is offline
 * @param limits timeouts and rate limits that keep one caller from slowing everyone
 */
public record HubSettings(
        OfficeConfig office,
        Path dataDir,
        String host,
        int port,
        boolean demo,
        boolean enforceOpeningHours,
        Clock clock,
        CallNextPolicy policy,
        WaitEstimator estimator,
        Duration targetWait,
        Duration deviceOfflineAfter,
        Limits limits) {

    public HubSettings withPort(int newPort) {
        return new HubSettings(office, dataDir, host, newPort, demo, enforceOpeningHours, clock, policy, estimator,
                targetWait, deviceOfflineAfter, limits);
    }

    /** The same hub with other timeouts and rate limits. */
    public HubSettings withLimits(Limits newLimits) {
        return new HubSettings(office, dataDir, host, port, demo, enforceOpeningHours, clock, policy, estimator,
                targetWait, deviceOfflineAfter, newLimits);
    }

    /** The same hub keeping (or not) the configured opening hours, on the given clock. */
    public HubSettings withHours(boolean enforce, Clock newClock) {
        return new HubSettings(office, dataDir, host, port, demo, enforce, newClock, policy, estimator, targetWait,
                deviceOfflineAfter, limits);
    }

    /** The same hub with another silence after which a device counts as offline. */
    public HubSettings withDeviceOfflineAfter(Duration after) {
        return new HubSettings(office, dataDir, host, port, demo, enforceOpeningHours, clock, policy, estimator,
                targetWait, after, limits);
    }

    /** The wait the office promises (15 minutes in the Xitun plan): above it the hub hints to open a counter. */
    public static final java.time.Duration TARGET_WAIT = java.time.Duration.ofMinutes(15);

    public static HubSettings of(OfficeConfig office, Path dataDir, String host, int port, boolean demo) {
        CallNextPolicy policy = CallNextPolicy.officeDefault(office);
        return new HubSettings(office, dataDir, host, port, demo, !demo, Clock.systemUTC(),
                policy, new WorkloadWaitEstimator(policy), TARGET_WAIT,
                tw.queue.hub.devices.DeviceMonitor.DEFAULT_OFFLINE_AFTER, Limits.DEFAULT);
    }
}
