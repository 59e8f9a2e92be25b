package tw.queue.hub.auth;

import java.util.Set;
import tw.queue.domain.Actor;

/**
 * Who made a request: a staff member or a device.
 *
 * @param counters the counters a panel device may act at (empty for everyone else)
 */
public record Principal(Role role, String name, Set<Integer> counters) {

    public Principal {
        counters = Set.copyOf(counters);
    }

    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }

    public Actor actor() {
        return new Actor(Actor.Kind.valueOf(role.name()), name);
    }
}
