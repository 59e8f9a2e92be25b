package tw.queue.hub.city;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import tw.queue.config.CityConfig;

/**
 * The city's Vert.x cluster (Hazelcast, TCP-IP member list from the cluster file, no multicast). An office hub joins
 * it with a Vert.x instance of its own, never the one serving the office: the office's HTTP, writer and event loop
 * never wait on the cluster, and the hub starts and serves whether or not any member answers.
 */
public final class CityCluster {
    /** The event-bus address every office publishes its summary to. */
    public static final String SUMMARY_ADDRESS = "city.office-summary";
    /** The cluster-wide map of each office's latest summary (by office id), for members that join late. */
    public static final String SUMMARY_MAP = "city.office-summaries";

    private CityCluster() {
    }

    /** Starts a Vert.x instance that joins the city's cluster; completes once joined (alone if no member answers). */
    public static Future<CityMember> join(CityConfig city) {
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(city));
        return Vertx.builder()
                .with(new VertxOptions().setEventBusOptions(new EventBusOptions()
                        .setHost(city.host()).setClusterPublicHost(city.host()).setPort(0)))
                .withClusterManager(manager)
                .buildClustered()
                .map(vertx -> new CityMember(vertx, manager));
    }

    /** Vert.x's own Hazelcast defaults (its maps and multimap), with the city's members and no multicast. */
    static Config hazelcast(CityConfig city) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName("queue-city-" + city.id());
        // Hazelcast's own shutdown hook would leave before Vert.x does; Vert.x's close leaves the cluster
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.local.localAddress", city.host());
        // a member that vanishes (SIGKILL, a cut cable) is dropped within seconds, not the default minute
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        // a small city: fewer partitions than the default 271 keep each member's memory and threads down
        config.setProperty("hazelcast.partition.count", "31");
        // join at once (the defaults wait 5 to 20 s for more members), and merge clusters formed apart (a member
        // that started alone while the others were down) within seconds of seeing each other
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(city.port()).setPortAutoIncrement(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1).clear();
        city.members().forEach(m -> join.getTcpIpConfig().addMember(m.toString()));
        return config;
    }
}
