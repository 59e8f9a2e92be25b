package tw.queue.hub.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tw.queue.config.OperationsConfig;

/**
 * Who may read {@code /metrics}: this machine (loopback), the addresses the office file allows, and anyone
 * bearing its metrics token. Everyone else is refused: the figures tell a stranger how busy the office is and
 * which devices are down.
 */
public final class MetricsAccess {
    private final Optional<byte[]> token;
    private final Set<InetAddress> allowed = new HashSet<>();

    public MetricsAccess(OperationsConfig.Metrics config) {
        this.token = config.token().filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8));
        for (String a : config.allow()) {
            address(a).ifPresent(allowed::add);
        }
    }

    /**
     * @param remote the caller's IP address as the socket has it
     * @param authorization the request's {@code Authorization} header, or null
     */
    public boolean permits(String remote, String authorization) {
        Optional<InetAddress> from = address(remote);
        if (from.isPresent() && (from.get().isLoopbackAddress() || allowed.contains(from.get()))) {
            return true;
        }
        if (token.isEmpty() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get());
    }

    /** An IP literal as an address (no DNS lookup); IPv4-mapped IPv6 addresses count as their IPv4 one. */
    private static Optional<InetAddress> address(String literal) {
        if (literal == null || literal.isBlank() || !literal.matches("[0-9A-Fa-f:.\\[\\]%a-zA-Z0-9]+")
                || literal.chars().anyMatch(Character::isLetter) && !literal.contains(":")) {
            return Optional.empty();
        }
        try {
            String bare = literal.startsWith("[") && literal.endsWith("]")
                    ? literal.substring(1, literal.length() - 1) : literal;
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
