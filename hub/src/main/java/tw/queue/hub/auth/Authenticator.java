package tw.queue.hub.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tw.queue.config.DeviceDef;
import tw.queue.config.OfficeConfig;
import tw.queue.config.StaffAccount;

/**
 * Turns credentials into a {@link Principal}. Staff sign in with a password and get a signed token (JWT,
 * HS256, via vertx-auth-jwt) that expires; devices present a long random token whose SHA-256 is in the
 * office config.
 */
public final class Authenticator {
    public static final int TOKEN_MINUTES = 12 * 60;

    private final Vertx vertx;
    private final JWTAuth jwt;
    private final Map<String, StaffAccount> staff = new HashMap<>();
    private final Map<String, DeviceDef> devicesByHash = new HashMap<>();

    public Authenticator(Vertx vertx, OfficeConfig office, String secret) {
        this.vertx = vertx;
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
        office.staff().forEach(s -> staff.put(s.username(), s));
        office.devices().forEach(d -> devicesByHash.put(d.tokenHash(), d));
    }

    /** Accepts a device paired at run time, alongside those in the config. */
    public void addDevice(String id, Role role, String tokenHash) {
        DeviceDef.DeviceType type = DeviceDef.DeviceType.valueOf(role.name());
        devicesByHash.put(tokenHash, new DeviceDef(id, type, tokenHash, java.util.List.of(), null, Map.of()));
    }

    /** Every device that may present a token: configured and paired, by id. */
    public java.util.List<DeviceDef> devices() {
        return devicesByHash.values().stream().sorted(java.util.Comparator.comparing(DeviceDef::id)).toList();
    }

    /** Checks a password off the event loop; yields a token and role, or empty when the pair is wrong. */
    public Future<Optional<JsonObject>> login(String username, String password) {
        StaffAccount account = staff.get(username);
        return vertx.executeBlocking(() -> {
            // Hash even for unknown users so timing does not tell which usernames exist.
            String stored = account != null ? account.passwordHash() : Dummy.HASH;
            boolean ok = PasswordHasher.verify(password, stored) && account != null;
            return ok ? Optional.of(issue(account)) : Optional.<JsonObject>empty();
        }, false);
    }

    private JsonObject issue(StaffAccount account) {
        Role role = Role.of(account.role());
        String token = jwt.generateToken(new JsonObject().put("sub", account.username()).put("role", role.wire()),
                new JWTOptions().setExpiresInMinutes(TOKEN_MINUTES));
        return new JsonObject().put("token", token).put("role", role.wire())
                .put("username", account.username()).put("expiresInSeconds", TOKEN_MINUTES * 60);
    }

    /** The principal behind a bearer token, or a failed future when the token is not valid. */
    public Future<Principal> authenticate(String bearer) {
        if (bearer.chars().filter(ch -> ch == '.').count() != 2) {
            DeviceDef device = devicesByHash.get(sha256(bearer));
            if (device == null) {
                return Future.failedFuture("unknown device token");
            }
            return Future.succeededFuture(new Principal(Role.of(device.type()), device.id(),
                    Set.copyOf(device.counters())));
        }
        return jwt.authenticate(new TokenCredentials(bearer)).map(user -> {
            JsonObject claims = user.principal();
            StaffAccount account = staff.get(claims.getString("sub"));
            if (account == null) {
                throw new IllegalStateException("account no longer exists");
            }
            // The role comes from the config as it is now, not as it was when the token was issued.
            return new Principal(Role.of(account.role()), account.username(), Set.of());
        });
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Made on first use, inside the blocking login call, never on the event loop at start-up. */
    private static final class Dummy {
        static final String HASH = PasswordHasher.hash("not-a-password", PasswordHasher.DEFAULT_ITERATIONS);
    }
}
