package tw.queue.hub.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
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
    /** The token's own id (signing out refuses it) and its holder's session generation (see {@link Revocations}). */
    private static final String TOKEN_ID = "jti";
    private static final String GENERATION = "gen";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Too many sign-ins are waiting for the password pool already: refused at once, nothing was checked. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("the password checks are busy", null, false, false);
        }
    }

    private final JWTAuth jwt;
    private final WorkerExecutor hashPool;
    private final int hashQueue;
    private final Revocations revocations;
    private final Map<String, StaffAccount> staff = new HashMap<>();
    private final Map<String, DeviceDef> devicesByHash = new HashMap<>();
    /** Sign-ins handed to the pool and not finished yet (event loop only). */
    private int hashing;

    /**
     * @param hashPool  where passwords are checked: a small pool of its own, so that a flood of sign-ins uses at
     *                  most its threads' share of the CPU and never the event loop's or the writer's
     * @param hashQueue sign-ins waiting for that pool at most; beyond, {@link #login} fails with {@link Busy}
     */
    public Authenticator(Vertx vertx, OfficeConfig office, String secret, WorkerExecutor hashPool,
                         int hashQueue, Revocations revocations) {
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
        this.hashPool = hashPool;
        this.hashQueue = hashQueue;
        this.revocations = revocations;
        office.staff().forEach(s -> staff.put(s.username(), s));
        office.devices().forEach(d -> devicesByHash.put(d.tokenHash(), d));
    }

    /** Accepts a device paired at run time, alongside those in the config. */
    public void addDevice(String id, Role role, String tokenHash) {
        DeviceDef.DeviceType type = DeviceDef.DeviceType.valueOf(role.name());
        devicesByHash.put(tokenHash, new DeviceDef(id, type, tokenHash, java.util.List.of(), null, Map.of()));
    }

    /** Every device that may present a token (configured and paired, not revoked), by id. */
    public java.util.List<DeviceDef> devices() {
        return devicesByHash.values().stream().filter(d -> !revocations.deviceRevoked(d.tokenHash()))
                .sorted(java.util.Comparator.comparing(DeviceDef::id)).toList();
    }

    /** A device that may present a token, by its id. */
    public Optional<DeviceDef> device(String id) {
        return devices().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public boolean isStaff(String username) {
        return staff.containsKey(username);
    }

    /**
     * Checks a password on the password pool; yields a token and role, or empty when the pair is wrong, or fails
     * with {@link Busy} when too many sign-ins are waiting already. Call on the event loop.
     */
    public Future<Optional<JsonObject>> login(String username, String password) {
        if (hashing >= hashQueue) {
            return Future.failedFuture(new Busy());
        }
        hashing++;
        StaffAccount account = staff.get(username);
        return hashPool.executeBlocking(() -> {
            // Hash even for unknown users so timing does not tell which usernames exist.
            String stored = account != null ? account.passwordHash() : Dummy.HASH;
            boolean ok = PasswordHasher.verify(password, stored) && account != null;
            return ok ? Optional.of(issue(account)) : Optional.<JsonObject>empty();
        }, false).onComplete(done -> hashing--);
    }

    private JsonObject issue(StaffAccount account) {
        Role role = Role.of(account.role());
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String token = jwt.generateToken(new JsonObject().put("sub", account.username()).put("role", role.wire())
                        .put(TOKEN_ID, Base64.getUrlEncoder().withoutPadding().encodeToString(id))
                        .put(GENERATION, revocations.generation(account.username())),
                new JWTOptions().setExpiresInMinutes(TOKEN_MINUTES));
        return new JsonObject().put("token", token).put("role", role.wire())
                .put("username", account.username()).put("expiresInSeconds", TOKEN_MINUTES * 60);
    }

    /** The principal behind a bearer token, or a failed future when the token is not valid. */
    public Future<Principal> authenticate(String bearer) {
        if (bearer.chars().filter(ch -> ch == '.').count() != 2) {
            String hash = sha256(bearer);
            DeviceDef device = devicesByHash.get(hash);
            if (device == null || revocations.deviceRevoked(hash)) {
                return Future.failedFuture("unknown device token");
            }
            return Future.succeededFuture(new Principal(Role.of(device.type()), device.id(),
                    Set.copyOf(device.counters()), new Principal.Session(Principal.Session.Kind.DEVICE, hash, 0)));
        }
        return jwt.authenticate(new TokenCredentials(bearer)).map(user -> {
            // the token's whole payload (the principal leaves out exp and iat)
            JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal());
            StaffAccount account = staff.get(claims.getString("sub"));
            if (account == null) {
                throw new IllegalStateException("account no longer exists");
            }
            // tokens from before sessions could end carry no id and no generation (0)
            String tokenId = claims.getString(TOKEN_ID);
            if (revocations.tokenRevoked(tokenId)
                    || revocations.olderGeneration(account.username(), claims.getLong(GENERATION, 0L))) {
                throw new IllegalStateException("signed out");
            }
            // The role comes from the config as it is now, not as it was when the token was issued.
            return new Principal(Role.of(account.role()), account.username(), Set.of(),
                    new Principal.Session(Principal.Session.Kind.STAFF, tokenId, claims.getLong("exp", 0L) * 1000));
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
