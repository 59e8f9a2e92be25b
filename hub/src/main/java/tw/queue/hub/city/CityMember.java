package tw.queue.hub.city;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's membership of the city's cluster: the clustered Vert.x (its event bus and maps) and the
 * Hazelcast member under it, whose id an office's summary carries so the city view can mark the office stale the
 * moment the cluster drops that member, not only after {@link CityView#STALE} of silence.
 */
public record CityMember(Vertx vertx, HazelcastClusterManager manager) {
    /** How long leaving the cluster may take at a stop: a member that does not answer must not keep the process. */
    public static final Duration LEAVE_LIMIT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(CityMember.class);

    /** This member's id in the cluster (Hazelcast's member UUID). */
    public String id() {
        return manager.getHazelcastInstance().getCluster().getLocalMember().getUuid().toString();
    }

    /** Calls {@code left} with a member's id when the cluster drops it (it left, or stopped answering heartbeats). */
    public void onMemberLeft(Consumer<String> left) {
        manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // an office that joins is taken in with its first summary
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                left.accept(event.getMember().getUuid().toString());
            }
        });
    }

    /** Leaves the cluster, waiting at most {@link #LEAVE_LIMIT} (blocking: call it from a shutdown hook). */
    public void leave() {
        try {
            vertx.close().await(LEAVE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("City: leaving the cluster took over {} s; going anyway", LEAVE_LIMIT.toSeconds());
        }
    }

    /** Leaves the cluster (asynchronously). */
    public Future<Void> close() {
        return vertx.close();
    }
}
