package tw.queue.hub.server;

import java.nio.file.Path;
import java.time.Clock;
import tw.queue.config.OfficeConfig;
import tw.queue.hub.domain.CallNextPolicy;
import tw.queue.hub.domain.OldestFirstPolicy;
import tw.queue.hub.domain.SimpleWaitEstimator;
import tw.queue.hub.domain.WaitEstimator;

/** Everything a hub needs to start: the office, where its data lives, where it listens, and its rules. */
public record HubSettings(
        OfficeConfig office,
        Path dataDir,
        String host,
        int port,
        boolean demo,
        boolean enforceOpeningHours,
        Clock clock,
        CallNextPolicy policy,
        WaitEstimator estimator) {

    public static HubSettings of(OfficeConfig office, Path dataDir, String host, int port, boolean demo) {
        return new HubSettings(office, dataDir, host, port, demo, !demo, Clock.systemUTC(),
                new OldestFirstPolicy(), new SimpleWaitEstimator(OldestFirstPolicy.ORDER));
    }
}
