package tw.queue.config;

import java.util.List;
import java.util.Map;

/**
 * The city's cluster file: which machines form the city's Vert.x cluster and which errands any office of the city
 * accepts (跨區申辦). Read by {@link CityConfigLoader}; immutable.
 *
 * @param id                    the city's id, also the Hazelcast cluster name's tail (only members of the same
 *                              city join each other)
 * @param name                  the city's name per language (zh-TW and en at least)
 * @param host                  this member's own address: Hazelcast and the clustered event bus bind here
 * @param port                  this member's Hazelcast port
 * @param members               every member's Hazelcast address (TCP-IP join, no multicast)
 * @param crossDistrictServices the service ids any office of the city accepts
 * @param hintAfterMinutes      above this local wait for a cross-district errand, the kiosk and the phone name
 *                              the offices where it is shorter
 */
public record CityConfig(String id, Map<String, String> name, String host, int port, List<Member> members,
                         List<String> crossDistrictServices, int hintAfterMinutes) {
    /** The hint's threshold when the cluster file does not set {@code hint-after-minutes}. */
    public static final int DEFAULT_HINT_AFTER_MINUTES = 30;

    public CityConfig {
        name = Map.copyOf(name);
        members = List.copyOf(members);
        crossDistrictServices = List.copyOf(crossDistrictServices);
    }

    /** With the default hint threshold. */
    public CityConfig(String id, Map<String, String> name, String host, int port, List<Member> members,
                      List<String> crossDistrictServices) {
        this(id, name, host, port, members, crossDistrictServices, DEFAULT_HINT_AFTER_MINUTES);
    }

    /** One member's Hazelcast address. */
    public record Member(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** The same city, this member on another port (tests, several members on one machine). */
    public CityConfig withPort(int port) {
        return new CityConfig(id, name, host, port, members, crossDistrictServices, hintAfterMinutes);
    }
}
