package tw.queue.hub.server;

import java.time.Instant;
import tw.queue.domain.WaitEstimator;

/** What the route classes share: the settings, the one writer (and its committed state), the estimator. */
record HubContext(HubSettings settings, QueueWriter writer) {

    WaitEstimator estimator() {
        return settings.estimator();
    }

    Instant now() {
        return settings.clock().instant();
    }
}
