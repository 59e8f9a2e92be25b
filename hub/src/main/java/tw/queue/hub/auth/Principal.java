package tw.queue.hub.auth;

import java.util.Set;
import tw.queue.domain.Actor;

/**
 * Who made a request: a staff member or a device.
 *
 * @param counters the counters a panel device may act at (empty for everyone else)
 * @param session  the token the request came with, which signing out or a revocation ends
 */
public record Principal(Role role, String name, Set<Integer> counters, Session session) {

    /**
     * A token: a staff token by its id (null for one issued before sessions could end) and when it lapses, or a
     * device token by its SHA-256.
     */
    public record Session(Kind kind, String id, long expiresMs) {
        public enum Kind { STAFF, DEVICE }
    }

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
