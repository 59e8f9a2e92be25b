package tw.queue.hub.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tw.queue.config.OfficeConfig;
import tw.queue.hub.auth.Authenticator;
import tw.queue.hub.auth.Pairings;
import tw.queue.hub.auth.Principal;
import tw.queue.hub.auth.Role;
import tw.queue.hub.domain.Actor;
import tw.queue.hub.domain.Channel;
import tw.queue.hub.domain.Command;
import tw.queue.hub.domain.Event;
import tw.queue.hub.domain.OfficeState;
import tw.queue.hub.domain.Priority;
import tw.queue.hub.domain.QueueEngine;
import tw.queue.hub.domain.WaitEstimator;
import tw.queue.hub.store.EventLog;
import tw.queue.hub.store.LoggedEvent;

/**
 * The hub's HTTP face: the OpenAPI router (contract-first validation), authentication, and one small handler
 * per operation that parses, calls the writer, and answers. Everything runs on this verticle's event loop.
 */
public final class HubVerticle extends VerticleBase {
    private static final int BODY_LIMIT = 64 * 1024;
    private static final String PRINCIPAL = "principal";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HubSettings settings;
    private WorkerExecutor dbExecutor;
    private EventLog log;
    private QueueWriter writer;
    private EventStream stream;
    private Authenticator auth;
    private final Pairings pairings = new Pairings();
    private WaitEstimator estimator;
    private HttpServer server;
    private String openapiYaml;

    public HubVerticle(HubSettings settings) {
        this.settings = settings;
    }

    /** The port actually bound (useful with port 0 in tests). */
    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        dbExecutor = vertx.createSharedWorkerExecutor("sqlite-writer", 1);
        return dbExecutor.executeBlocking(this::recover, true)
                .compose(recovered -> OpenAPIContract.from(vertx, "openapi.yaml").map(contract -> {
                    wire(recovered);
                    return contract;
                }))
                .compose(contract -> vertx.createHttpServer()
                        .requestHandler(router(contract))
                        .listen(settings.port(), settings.host()))
                .onSuccess(s -> server = s);
    }

    private record Recovered(OfficeState state, long seq, String secret, List<EventLog.PairedDevice> paired) {
    }

    /** Bookings are made up to a week ahead, so the last eight days' bookings cover every one still due. */
    private static final long BOOKING_HORIZON_MS = java.time.Duration.ofDays(8).toMillis();

    /** Rebuilds the live state from the log: the last office day's events, plus the standing announcement. */
    private Recovered recover() throws Exception {
        log = EventLog.open(settings.dataDir());
        OfficeConfig office = settings.office();
        OfficeState state = new OfficeState(office);
        List<LoggedEvent> day = log.lastDay();
        if (day.stream().noneMatch(e -> e.event() instanceof Event.AnnouncementSet)) {
            log.lastOfType("announcement.set").ifPresent(e -> state.apply(e.event()));
        }
        long since = settings.clock().millis() - BOOKING_HORIZON_MS;
        log.ofTypeSince("appointment.booked", since).forEach(e -> state.apply(e.event()));
        day.forEach(e -> state.apply(e.event()));
        return new Recovered(state, log.lastSeq(), log.tokenSecret(), log.pairedDevices());
    }

    private void wire(Recovered r) {
        QueueEngine engine = new QueueEngine(settings.office(), settings.policy(), settings.estimator(),
                settings.clock(), settings.enforceOpeningHours(), settings.targetWait());
        estimator = settings.estimator();
        stream = new EventStream(vertx, log, dbExecutor, r.seq());
        writer = new QueueWriter(engine, log, dbExecutor, r.state(), r.seq(), stream::publish);
        auth = new Authenticator(vertx, settings.office(), r.secret());
        r.paired().forEach(d -> auth.addDevice(d.id(), Role.valueOf(d.type().toUpperCase(java.util.Locale.ROOT)),
                d.tokenHash()));
        openapiYaml = resource("openapi.yaml");
        // Roll the office day over at midnight even when nobody acts (waiting tickets end as not served).
        writer.submit(new Command.Tick());
        if (settings.demo()) {
            // Seeded once; a restarted demo hub keeps the bookings (and their times) it already has.
            List<Command.Booking> missing = DemoAppointments.at(settings.clock().instant()).stream()
                    .filter(b -> r.state().booking(b.code()).isEmpty()).toList();
            if (!missing.isEmpty()) {
                writer.submit(new Command.BookAppointments(missing));
            }
        }
        vertx.setPeriodic(30_000, id -> writer.submit(new Command.Tick()));
    }

    private Router router(OpenAPIContract contract) {
        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
                .rootHandler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        Map<String, io.vertx.core.Handler<RoutingContext>> handlers = new HashMap<>();
        handlers.put("health", this::health);
        handlers.put("openapi", this::openapi);
        handlers.put("login", this::login);
        handlers.put("getOffice", this::office);
        handlers.put("getQueue", this::queue);
        handlers.put("issueTicket", this::issueTicket);
        handlers.put("getTicket", this::getTicket);
        handlers.put("cancelTicket", this::cancelTicket);
        handlers.put("callNext", this::callNext);
        handlers.put("recall", rc -> counterCommand(rc, (n, a) -> new Command.Recall(n, a)));
        handlers.put("noShow", rc -> counterCommand(rc, (n, a) -> new Command.NoShow(n, a)));
        handlers.put("finish", rc -> counterCommand(rc, (n, a) -> new Command.Finish(n, a)));
        handlers.put("transfer", rc -> counterCommand(rc, (n, a) ->
                new Command.Transfer(n, rc.body().asJsonObject().getString("service"), a)));
        handlers.put("openCounter", rc -> counterCommand(rc, (n, a) -> new Command.OpenCounter(n, a)));
        handlers.put("pauseCounter", rc -> counterCommand(rc, (n, a) -> new Command.PauseCounter(n, a)));
        handlers.put("closeCounter", rc -> counterCommand(rc, (n, a) -> new Command.CloseCounter(n, a)));
        handlers.put("setAnnouncement", this::setAnnouncement);
        handlers.put("closeDay", rc -> dayCommand(rc, new Command.CloseDay()));
        handlers.put("openDay", rc -> dayCommand(rc, new Command.OpenDay()));
        handlers.put("events", stream::handle);
        handlers.put("createPairing", this::createPairing);
        handlers.put("claimPairing", this::claimPairing);
        handlers.put("bookAppointments", this::bookAppointments);
        handlers.put("checkIn", this::checkIn);
        for (OpenAPIRoute route : builder.getRoutes()) {
            var handler = handlers.get(route.getOperation().getOperationId());
            if (handler == null) {
                throw new IllegalStateException("no handler for " + route.getOperation().getOperationId());
            }
            route.setDoSecurity(false).addHandler(handler).addFailureHandler(ApiError::failure);
        }
        Router router = builder.createRouter();
        router.route().order(-1).handler(this::authenticate);
        WebPages.mount(router);
        router.errorHandler(404, rc -> ApiError.send(rc, 404, "not-found"));
        router.errorHandler(405, rc -> ApiError.send(rc, 405, "method-not-allowed"));
        router.errorHandler(413, rc -> ApiError.send(rc, 413, "body-too-large"));
        router.errorHandler(500, ApiError::failure);
        return router;
    }

    /** Runs before the body is read: a bad token, or a write without one, is refused at once. */
    private void authenticate(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        if (header == null) {
            boolean write = rc.request().method() != HttpMethod.GET && rc.request().method() != HttpMethod.HEAD
                    && rc.request().method() != HttpMethod.OPTIONS;
            boolean open = rc.request().path().equals("/api/login") || rc.request().path().equals("/api/pairings/claim");
            if (write && !open && rc.request().path().startsWith("/api/")) {
                ApiError.send(rc, 401, "unauthenticated");
                return;
            }
            rc.next();
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 4096) {
            ApiError.send(rc, 401, "invalid-token");
            return;
        }
        Future<Principal> who = auth.authenticate(header.substring(7).trim());
        if (!who.isComplete()) {
            rc.request().pause();
        }
        who.onComplete(ar -> {
            if (ar.failed()) {
                ApiError.send(rc, 401, "invalid-token");
            } else {
                rc.put(PRINCIPAL, ar.result());
                rc.next();
            }
        });
    }

    /** The caller, if it has one of the roles; otherwise answers 401 or 403 and returns empty. */
    private Optional<Principal> require(RoutingContext rc, Role... roles) {
        Principal p = rc.get(PRINCIPAL);
        if (p == null) {
            ApiError.send(rc, 401, "unauthenticated");
            return Optional.empty();
        }
        if (!p.is(roles)) {
            ApiError.send(rc, 403, "role-forbidden");
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private void health(RoutingContext rc) {
        json(rc, 200, new JsonObject().put("status", "ok").put("seq", writer.seq())
                .put("demo", settings.demo()).put("streamClients", stream.clients()));
    }

    private void openapi(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(openapiYaml);
    }

    private void login(RoutingContext rc) {
        JsonObject body = rc.body().asJsonObject();
        auth.login(body.getString("username"), body.getString("password")).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
            } else if (ar.result().isEmpty()) {
                ApiError.send(rc, 401, "bad-credentials");
            } else {
                json(rc, 200, ar.result().get());
            }
        });
    }

    private void office(RoutingContext rc) {
        json(rc, 200, JsonViews.office(settings.office()));
    }

    private void queue(RoutingContext rc) {
        java.time.ZonedDateTime now = settings.clock().instant().atZone(settings.office().timezone());
        var hours = settings.office().hours();
        json(rc, 200, JsonViews.queue(writer.state(), writer.seq(), estimator, now())
                .put("officeOpen", hours.isOpen(now.getDayOfWeek(), now.toLocalTime()))
                .put("hoursEnforced", settings.enforceOpeningHours())
                .put("nextOpening", hours.nextOpening(now).map(t -> t.toInstant().toString()).orElse(null)));
    }

    private void createPairing(RoutingContext rc) {
        require(rc, Role.MANAGER).ifPresent(p -> {
            JsonObject body = rc.body().asJsonObject();
            Role role = Role.valueOf(body.getString("type").toUpperCase(java.util.Locale.ROOT));
            Pairings.Pending code = pairings.create(role, body.getString("name"), settings.clock().instant());
            json(rc, 201, new JsonObject().put("code", code.code()).put("type", role.wire())
                    .put("name", code.name()).put("expiresAt", code.expiresAt().toString()));
        });
    }

    private void claimPairing(RoutingContext rc) {
        java.time.Instant now = settings.clock().instant();
        if (pairings.throttled(now)) {
            ApiError.send(rc, 429, "too-many-attempts");
            return;
        }
        Optional<Pairings.Pending> claimed = pairings.claim(rc.body().asJsonObject().getString("code"), now);
        if (claimed.isEmpty()) {
            ApiError.send(rc, 404, "unknown-pairing-code");
            return;
        }
        String token = Pairings.newToken();
        String id = claimed.get().name() + "-" + token.substring(0, 6).toLowerCase(java.util.Locale.ROOT);
        EventLog.PairedDevice device = new EventLog.PairedDevice(id, claimed.get().role().wire(),
                Authenticator.sha256(token));
        dbExecutor.executeBlocking(() -> {
            log.addPairedDevice(device, now.toEpochMilli());
            return device;
        }, true).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(new QueueWriter.StoreUnavailable(ar.cause()));
                return;
            }
            auth.addDevice(device.id(), claimed.get().role(), device.tokenHash());
            json(rc, 200, new JsonObject().put("token", token).put("deviceId", device.id())
                    .put("role", claimed.get().role().wire()));
        });
    }

    private void bookAppointments(RoutingContext rc) {
        require(rc, Role.MANAGER).ifPresent(p -> {
            List<Command.Booking> bookings = new java.util.ArrayList<>();
            for (Object o : rc.body().asJsonObject().getJsonArray("appointments")) {
                JsonObject a = (JsonObject) o;
                bookings.add(new Command.Booking(a.getString("code"), a.getString("service"),
                        java.time.OffsetDateTime.parse(a.getString("at")).toInstant()));
            }
            writer.submit(new Command.BookAppointments(bookings)).onComplete(ar -> {
                if (ar.failed()) {
                    rc.fail(ar.cause());
                } else {
                    json(rc, 200, new JsonObject().put("booked", bookings.size()));
                }
            });
        });
    }

    private void checkIn(RoutingContext rc) {
        require(rc, Role.KIOSK, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> {
            JsonObject body = rc.body().asJsonObject();
            writer.submit(new Command.CheckIn(newTicketId(), body.getString("code"), channelOf(p),
                    body.getString("lang"))).onComplete(ar -> answerTicket(rc, ar, 201));
        });
    }

    private static Channel channelOf(Principal p) {
        return p.is(Role.KIOSK) ? Channel.KIOSK : p.is(Role.VOLUNTEER) ? Channel.VOLUNTEER : Channel.WEB;
    }

    private void issueTicket(RoutingContext rc) {
        require(rc, Role.KIOSK, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> {
            JsonObject body = rc.body().asJsonObject();
            Priority priority = enumOf(Priority.class, body.getString("priority", "none"));
            Command cmd = new Command.IssueTicket(newTicketId(), body.getString("service"), priority, channelOf(p),
                    body.getString("lang"));
            writer.submit(cmd).onComplete(ar -> answerTicket(rc, ar, 201));
        });
    }

    private void getTicket(RoutingContext rc) {
        writer.state().ticket(rc.pathParam("id")).ifPresentOrElse(
                t -> json(rc, 200, JsonViews.ticket(writer.state(), estimator, t, now())),
                () -> ApiError.send(rc, 404, "unknown-ticket"));
    }

    private void cancelTicket(RoutingContext rc) {
        require(rc, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> writer
                .submit(new Command.CancelTicket(rc.pathParam("id"), p.actor()))
                .onComplete(ar -> answerTicket(rc, ar, 200)));
    }

    private void callNext(RoutingContext rc) {
        counterActor(rc, false).ifPresent(a -> writer.submit(new Command.CallNext(counterNumber(rc), a))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        rc.fail(ar.cause());
                        return;
                    }
                    Optional<String> called = ar.result().ticketId();
                    if (called.isEmpty()) {
                        rc.response().setStatusCode(204).end();
                        return;
                    }
                    OfficeState s = writer.state();
                    json(rc, 200, new JsonObject().put("ticket",
                            JsonViews.ticket(s, estimator, s.ticket(called.get()).orElseThrow(), now())));
                }));
    }

    private void counterCommand(RoutingContext rc, java.util.function.BiFunction<Integer, Actor, Command> make) {
        boolean opening = rc.request().path().endsWith("/open");
        int n = counterNumber(rc);
        counterActor(rc, opening).ifPresent(a -> writer.submit(make.apply(n, a)).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
                return;
            }
            OfficeState s = writer.state();
            json(rc, 200, JsonViews.counter(s, s.counter(n).orElseThrow()));
        }));
    }

    /** Who acts at counter n: a clerk or manager, or the panel device configured there (not to open it). */
    private Optional<Actor> counterActor(RoutingContext rc, boolean opening) {
        Optional<Principal> p = opening
                ? require(rc, Role.CLERK, Role.MANAGER)
                : require(rc, Role.CLERK, Role.MANAGER, Role.PANEL);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        int n = counterNumber(rc);
        if (settings.office().counter(n).isEmpty()) {
            ApiError.send(rc, 404, "unknown-counter", n);
            return Optional.empty();
        }
        if (p.get().is(Role.PANEL) && !p.get().counters().contains(n)) {
            ApiError.send(rc, 403, "not-your-counter", n);
            return Optional.empty();
        }
        return Optional.of(p.get().actor());
    }

    private void setAnnouncement(RoutingContext rc) {
        require(rc, Role.MANAGER).ifPresent(p -> {
            JsonObject texts = rc.body().asJsonObject().getJsonObject("texts");
            Map<String, String> map = new HashMap<>();
            texts.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
            writer.submit(new Command.SetAnnouncement(map)).onComplete(ar -> {
                if (ar.failed()) {
                    rc.fail(ar.cause());
                } else {
                    json(rc, 200, new JsonObject(new HashMap<>(writer.state().announcement())));
                }
            });
        });
    }

    private void dayCommand(RoutingContext rc, Command command) {
        require(rc, Role.MANAGER).ifPresent(p -> writer.submit(command).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
            } else {
                json(rc, 200, new JsonObject().put("day", writer.state().day().map(Object::toString).orElse(null))
                        .put("dayOpen", writer.state().isDayOpen()));
            }
        }));
    }

    private void answerTicket(RoutingContext rc, io.vertx.core.AsyncResult<QueueEngine.Result> ar, int status) {
        if (ar.failed()) {
            rc.fail(ar.cause());
            return;
        }
        OfficeState s = writer.state();
        String id = ar.result().ticketId().orElseThrow();
        json(rc, status, JsonViews.ticket(s, estimator, s.ticket(id).orElseThrow(), now()));
    }

    private java.time.Instant now() {
        return settings.clock().instant();
    }

    private static int counterNumber(RoutingContext rc) {
        return Integer.parseInt(rc.pathParam("n"));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String wire) {
        return Enum.valueOf(type, wire.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** 128 random bits: whoever holds the id may read the ticket, so it must not be guessable. */
    private static String newTicketId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    private static String resource(String name) {
        try (InputStream in = HubVerticle.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing resource " + name, e);
        }
    }

    @Override
    public Future<?> stop() {
        return dbExecutor.executeBlocking(() -> {
            log.close();
            return null;
        }, true).eventually(() -> dbExecutor.close());
    }
}
