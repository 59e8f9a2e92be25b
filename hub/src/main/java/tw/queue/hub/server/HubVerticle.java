package tw.queue.hub.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tw.queue.config.OfficeConfig;
import tw.queue.hub.auth.Authenticator;
import tw.queue.hub.auth.Revocations;
import tw.queue.hub.auth.Role;
import tw.queue.hub.devices.DeviceMonitor;
import tw.queue.domain.Command;
import tw.queue.domain.Event;
import tw.queue.domain.OfficeState;
import tw.queue.domain.QueueEngine;
import tw.queue.domain.WireNamed;
import tw.queue.hub.store.EventLog;
import tw.queue.hub.store.EventReader;
import tw.queue.hub.store.HubDatabase;
import tw.queue.hub.store.PairedDeviceStore;
import tw.queue.hub.store.RevocationStore;
import tw.queue.hub.store.PersonalDataStore;
import tw.queue.hub.ops.Backups;
import tw.queue.hub.ops.HubMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import tw.queue.hub.store.TokenKeyStore;
import tw.queue.hub.store.VisitQueries;
import tw.queue.hub.store.LoggedEvent;
import tw.queue.wire.EventTypes;

/**
 * The hub: recovers the state from the event log, then serves the OpenAPI router (contract-first validation)
 * with the route classes' handlers, the event stream and the web pages. Everything but the log runs on this
 * verticle's event loop (only the followers' sockets are written on the other event loops, once their stream has
 * begun: {@link StreamConnection}); the log is touched only on the one-thread writer executor.
 */
public final class HubVerticle extends VerticleBase {
    /** Bookings are made up to a week ahead, so the last eight days' bookings cover every one still due. */
    private static final long BOOKING_HORIZON_MS = Duration.ofDays(8).toMillis();

    private final HubSettings settings;
    private WorkerExecutor dbExecutor;
    /** Passwords are checked here, on a pool of their own: a flood of sign-ins never takes the writer's CPU. */
    private WorkerExecutor hashPool;
    /** History queries run here, on a read-only connection of their own, never on the writer's thread. */
    private WorkerExecutor readExecutor;
    /** The event stream's catch-up reads, on a read-only connection of their own. */
    private WorkerExecutor streamExecutor;
    private EventReader streamReader;
    private EventReader statsReader;
    /** The staffing planner's simulations: one at a time, for minutes at most. */
    private WorkerExecutor planExecutor;
    private HubDatabase db;
    private EventLog log;
    private VisitQueries history;
    private QueueWriter writer;
    private EventStream stream;
    private TicketStream tickets;
    private Access access;
    private OnStore onStore;
    private SessionRoutes sessions;
    private Authenticator auth;
    private DeviceMonitor devices;
    private HttpServer server;
    private PublicStatusRoutes publicStatus;
    /** The city's view, on a hub that joined the city's cluster (--cluster); null otherwise (404 no-city). */
    private volatile tw.queue.hub.city.CityView city;

    private final HubMetrics metrics;
    private Operations operations;

    public HubVerticle(HubSettings settings) {
        this(settings, HubMetrics.newRegistry());
    }

    /** A hub whose meters go to {@code registry} (shared with Vert.x's own when HubMain builds Vert.x with it). */
    public HubVerticle(HubSettings settings, PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.metrics = new HubMetrics(registry);
    }

    /** The port actually bound (useful with port 0 in tests). */
    public int port() {
        return server.actualPort();
    }

    /**
     * The office's public status, as {@code GET /api/public/status} has it (no ticket ids, no staff, no private
     * services), built fresh on the hub's own event loop: what the office publishes to the city's cluster.
     */
    public Future<io.vertx.core.json.JsonObject> publicSummary() {
        io.vertx.core.Promise<io.vertx.core.json.JsonObject> promise = io.vertx.core.Promise.promise();
        context.runOnContext(v -> {
            try {
                promise.complete(publicStatus.summary());
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }

    /** Serves {@code view} at {@code GET /api/public/city} (and the {@code /city} page's data) from now on. */
    public void city(tw.queue.hub.city.CityView view) {
        this.city = view;
    }

    @Override
    public Future<?> start() {
        dbExecutor = vertx.createSharedWorkerExecutor("sqlite-writer", 1);
        // Each pool is one thread, so its tasks run in the order given. They are submitted unordered
        // (executeBlocking(..., false)) on purpose: "ordered" tasks of one Vert.x context share a single queue
        // across every pool, so a long statistics read or a backup would hold the writer's appends back, and
        // a task refused by a closing pool would stall that queue for good.
        readExecutor = vertx.createSharedWorkerExecutor("sqlite-reader", 1);
        hashPool = vertx.createSharedWorkerExecutor("password-hash", settings.limits().hashThreads());
        streamExecutor = vertx.createSharedWorkerExecutor("sqlite-stream-reader", 1);
        planExecutor = vertx.createSharedWorkerExecutor("planner", 1, 10, java.util.concurrent.TimeUnit.MINUTES);
        return dbExecutor.executeBlocking(this::recover, false)
                // The hub listens once its start-up facts (a new day, the demo's bookings) are in the log.
                .compose(recovered -> OpenAPIContract.from(vertx, "openapi.yaml")
                        .compose(contract -> wire(recovered, contract).map(contract)))
                .compose(contract -> server(router(contract)).listen(settings.port(), settings.host()))
                .onSuccess(s -> server = s);
    }

    /**
     * The HTTP server: idle connections closed, slow heads and bodies cut ({@link RequestDeadlines}), and a
     * request the decoder refuses (a URL or headers over the limits) answered with the JSON error.
     */
    private HttpServer server(Router router) {
        Limits limits = settings.limits();
        HttpServer http = vertx.createHttpServer(new HttpServerOptions()
                .setIdleTimeout((int) limits.idleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                // HTTP/1.1 only: with cleartext HTTP/2 on, a connection is handed over only once a whole request
                // head has arrived, too late for the header timeout
                .setHttp2ClearTextEnabled(false)
                // a follower that stops reading fills this, then its backlog, then is closed (EventStream)
                .setSendBufferSize(limits.socketSendBuffer()));
        http.invalidRequestHandler(ApiError::invalidRequest);
        return new RequestDeadlines(vertx, limits).guard(http, router);
    }

    private record Recovered(OfficeState state, long seq, String secret, List<PairedDeviceStore.PairedDevice> paired,
                             Revocations revocations, List<LoggedEvent> newest) {
    }

    /** Rebuilds the live state from the log: the last office day's events, plus standing bookings and announcement. */
    private Recovered recover() throws Exception {
        db = HubDatabase.open(settings.dataDir());
        log = new EventLog(db, settings.office().timezone());
        history = new VisitQueries(db);
        streamReader = new EventReader(db);
        statsReader = new EventReader(db);
        OfficeConfig office = settings.office();
        OfficeState state = new OfficeState(office);
        List<LoggedEvent> day = log.lastDay();
        if (day.stream().noneMatch(e -> e.event() instanceof Event.AnnouncementSet)) {
            log.lastOfType(EventTypes.of(Event.AnnouncementSet.class).name()).ifPresent(e -> state.apply(e.event()));
        }
        long since = settings.clock().millis() - BOOKING_HORIZON_MS;
        log.ofTypeSince(EventTypes.of(Event.AppointmentBooked.class).name(), since).forEach(e -> state.apply(e.event()));
        day.forEach(e -> state.apply(e.event()));
        return new Recovered(state, log.lastSeq(), new TokenKeyStore(db).key(), new PairedDeviceStore(db).all(),
                // token expiry is judged on the system clock (vertx-auth-jwt), so is forgetting lapsed revocations
                new RevocationStore(db).load(System.currentTimeMillis()),
                // the stream's memory, filled before the hub listens: reconnects after a restart stay off the disk
                streamReader.newest(settings.limits().streamMemory()));
    }

    private Future<?> wire(Recovered r, OpenAPIContract contract) {
        QueueEngine engine = new QueueEngine(settings.office(), settings.policy(), settings.estimator(),
                settings.clock(), settings.enforceOpeningHours(), settings.targetWait());
        stream = new EventStream(vertx, streamReader, streamExecutor, r.seq(), r.newest(),
                settings.limits().streamMemory(), settings.limits().catchUps(), settings.limits().followerBacklog(),
                settings.office());
        writer = new QueueWriter(vertx, engine, log, dbExecutor, r.state(), r.seq(), batch -> {
            metrics.onCommitted(batch);
            stream.publish(batch);
            tickets.publish(batch);
        });
        tickets = new TicketStream(vertx, new HubContext(settings, writer), settings.limits().followerBacklog());
        writer.observeAppends(metrics::appended);
        metrics.bind(settings.office(), writer::state, stream::clients, writer::queueDepth);
        operations = new Operations(vertx, new HubContext(settings, writer), metrics,
                new Backups(db::openReader, settings.dataDir(), settings.office().operations().backup(),
                        settings.clock()), dbExecutor, new PersonalDataStore(db));
        auth = new Authenticator(vertx, settings.office(), r.secret(), hashPool, settings.limits().hashQueue(),
                r.revocations());
        r.paired().forEach(d -> auth.addDevice(d.id(), WireNamed.fromWire(Role.class, d.type()), d.tokenHash()));
        onStore = work -> dbExecutor.executeBlocking(() -> {
            work.run(db);
            return null;
        }, false);
        access = new Access(auth, new RouteGuard(contract), settings.clock(), settings.limits(), onStore);
        sessions = new SessionRoutes(auth, r.revocations(), settings.clock(), onStore);
        // Roll the office day over at midnight even when nobody acts (waiting tickets end as not served).
        List<Future<?>> startUp = new java.util.ArrayList<>();
        startUp.add(writer.submit(new Command.Tick()));
        if (settings.demo()) {
            // Seeded once; a restarted demo hub keeps the bookings (and their times) it already has.
            List<Command.Booking> missing = DemoAppointments.at(settings.clock().instant()).stream()
                    .filter(b -> r.state().booking(b.code()).isEmpty()).toList();
            if (!missing.isEmpty()) {
                startUp.add(writer.submit(new Command.BookAppointments(missing)));
            }
        }
        vertx.setPeriodic(30_000, id -> writer.submit(new Command.Tick()));
        devices = new DeviceMonitor(settings.clock(), settings.deviceOfflineAfter());
        // Each second, devices silent for longer than the threshold go offline (logged once each).
        vertx.setPeriodic(1_000, id -> devices.silent(writer.state())
                .forEach(d -> writer.submit(new Command.MarkDeviceOffline(d))));
        // A log that cannot be written at start-up is reported per request (503), not by refusing to start.
        return Future.all(startUp).recover(e -> Future.succeededFuture());
    }

    private Router router(OpenAPIContract contract) {
        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
                .rootHandler(BodyHandler.create(false).setBodyLimit(settings.limits().bodyLimit()));
        HubContext hub = new HubContext(settings, writer);
        String openapiYaml = resource("openapi.yaml");
        Map<String, Handler<RoutingContext>> handlers = new HashMap<>();
        handlers.put("health", this::health);
        handlers.put("openapi", rc -> rc.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
                .end(openapiYaml));
        handlers.put("events", stream::handle);
        tickets.register(handlers);
        access.register(handlers);
        sessions.register(handlers);
        operations.register(handlers);
        new OfficeRoutes(hub).register(handlers);
        new TicketRoutes(hub).register(handlers);
        new CounterRoutes(hub).register(handlers);
        new BookingImportRoutes(hub).register(handlers);
        new DeviceRoutes(hub, devices, auth).register(handlers);
        new AlertRoutes(hub).register(handlers);
        new PrintRoutes(hub, devices, auth).register(handlers);
        new BoardPreviewRoutes().register(handlers);
        new StatsRoutes(hub, day -> readExecutor.executeBlocking(() -> statsReader.ofDay(day), false),
                reading -> readExecutor.executeBlocking(() -> history.read(reading), false)).register(handlers);
        publicStatus = new PublicStatusRoutes(hub);
        publicStatus.register(handlers);
        handlers.put("publicCity", rc -> tw.queue.hub.city.CityApi.answer(rc, city));
        handlers.put("publicCityHead", rc -> tw.queue.hub.city.CityApi.answer(rc, city));
        new PlanRoutes(hub, reading -> readExecutor.executeBlocking(() -> history.read(reading), false), planExecutor)
                .register(handlers);
        for (OpenAPIRoute route : builder.getRoutes()) {
            Handler<RoutingContext> handler = handlers.get(route.getOperation().getOperationId());
            if (handler == null) {
                throw new IllegalStateException("no handler for " + route.getOperation().getOperationId());
            }
            route.setDoSecurity(false).addHandler(handler).addFailureHandler(ApiError::failure);
        }
        Router router = builder.createRouter();
        // Before everything else, whatever the path: the browser-security headers, a body too big to take, then
        // who is asking; a body left unread by an early answer is read away before the connection closes.
        router.route().order(-3).handler(SecurityHeaders::handle);
        router.route().order(-2).handler(new UnreadBodies(settings.limits())::handle);
        router.route().order(-1).handler(access::authenticate);
        PublicStatusRoutes.mountCors(router);
        operations.mount(router);
        WebPages.mount(router);
        // what fails before any route answers (e.g. Netty's form decoder on a long multipart field) as the JSON error
        router.errorHandler(400, ApiError::failure);
        router.errorHandler(415, ApiError::failure);
        router.errorHandler(404, rc -> ApiError.send(rc, 404, "not-found"));
        router.errorHandler(405, rc -> ApiError.send(rc, 405, "method-not-allowed"));
        router.errorHandler(413, rc -> ApiError.send(rc, 413, "body-too-large"));
        router.errorHandler(500, ApiError::failure);
        return router;
    }

    /** 200 while the hub can serve; 503 with the reason while its store cannot write (a watchdog restarts nothing). */
    private void health(RoutingContext rc) {
        JsonObject body = new JsonObject().put("status", "ok").put("seq", writer.seq()).put("demo", settings.demo())
                .put("streamClients", stream.clients())
                .put("streamCatchingUp", stream.catchingUp()).put("streamWaitingToCatchUp", stream.waitingToCatchUp())
                .put("streamPagesFromLog", stream.pagesFromLog()).put("streamDropped", stream.dropped())
                .put("ticketFollowers", tickets.followers());
        writer.storeFault().ifPresent(f -> body.put("status", "store-unavailable").put("reason", f.reason())
                .put("detail", f.detail()).put("since", f.since().toString()));
        Replies.json(rc, writer.storeFault().isPresent() ? 503 : 200, body);
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
        // the streams never end by themselves: cut them, or the server's shutdown waits for them
        if (stream != null) {
            stream.closeAll();
            tickets.closeAll();
        }
        // No request may reach a pool once it is closing: the server goes first, then the timers, the pools last.
        Future<Void> http = server == null ? Future.succeededFuture() : server.close();
        return http.eventually(() -> operations == null ? Future.succeededFuture() : operations.close()).eventually(() -> readExecutor.executeBlocking(() -> {
            history.close();
            statsReader.close();
            return null;
        }, false)).eventually(() -> readExecutor.close()).eventually(() -> planExecutor.close())
                .eventually(() -> streamExecutor.executeBlocking(() -> {
            streamReader.close();
            return null;
        }, false)).eventually(() -> streamExecutor.close()).eventually(() -> dbExecutor.executeBlocking(() -> {
            db.close();
            return null;
        }, false)).eventually(() -> dbExecutor.close()).eventually(() -> hashPool.close());
    }
}
