package tw.queue.hub.auth;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Sessions ended before their time, as the per-request check needs them: staff tokens signed out (by their id),
 * every token of a staff member issued so far (a manager ending their sessions raises the member's generation,
 * which each staff token carries; a clock is not used, so it works on a test's stopped clock too) and revoked device
 * tokens (by the SHA-256 of the token). Loaded from the database at start and added to only after the database
 * has them ({@code store.RevocationStore}), so a revocation survives a restart. Event-loop only.
 */
public final class Revocations {
    private final Map<String, Long> tokenIds = new HashMap<>();
    private final Map<String, Long> generations = new HashMap<>();
    private final Set<String> deviceHashes = new HashSet<>();

    /** A staff token (its id) refused from now on; {@code expiresMs} is when it would have lapsed anyway. */
    public void token(String tokenId, long expiresMs) {
        tokenIds.put(tokenId, expiresMs);
    }

    /** Every token of {@code username} of an older generation than this refused. */
    public void staff(String username, long generation) {
        generations.merge(username, generation, Math::max);
    }

    /** The generation the member's tokens are issued with now (0 until their sessions are first ended). */
    public long generation(String username) {
        return generations.getOrDefault(username, 0L);
    }

    public void device(String tokenHash) {
        deviceHashes.add(tokenHash);
    }

    boolean tokenRevoked(String tokenId) {
        return tokenId != null && tokenIds.containsKey(tokenId);
    }

    boolean olderGeneration(String username, long generation) {
        return generation < generation(username);
    }

    boolean deviceRevoked(String tokenHash) {
        return deviceHashes.contains(tokenHash);
    }

    /** Forgets token ids that have expired by now (they would be refused anyway). */
    public void forgetExpired(long nowMs) {
        tokenIds.values().removeIf(expires -> expires < nowMs);
    }
}
