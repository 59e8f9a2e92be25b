package tw.queue.hub.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.queue.config.OperationsConfig;
import tw.queue.hub.auth.Role;
import tw.queue.hub.ops.Backups;
import tw.queue.hub.ops.HubMetrics;
import tw.queue.hub.ops.MetricsAccess;
import tw.queue.hub.store.PersonalDataStore;

/**
 * The hub's housekeeping: {@code GET /metrics} (loopback, allowed addresses or the metrics token),
 * {@code POST /api/backup} (manager) and the scheduled backups, and the daily deletion of personal data past
 * the privacy horizon. Backups run on a worker of their own with their own read connection; the deletion runs
 * on the writer's thread a month of office days at a time, so a first pass over years never holds it long.
 */
final class Operations {
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    /** How often the schedules are looked at (cheap: two comparisons of times). */
    static final long CHECK_MS = 2_000;
    private static final int DAYS_PER_STEP = 31;

    private final HubContext hub;
    private final HubMetrics metrics;
    private final MetricsAccess metricsAccess;
    private final Backups backups;
    private final WorkerExecutor backupExecutor;
    private final WorkerExecutor dbExecutor;
    private final PersonalDataStore personal;
    private final OperationsConfig.Privacy privacy;
    private boolean backupRunning;
    private boolean backupFailing;
    private boolean retentionRunning;
    /** Personal data is gone from every office day before this one. */
    private LocalDate clearedBefore;

    Operations(Vertx vertx, HubContext hub, HubMetrics metrics, Backups backups, WorkerExecutor dbExecutor,
               PersonalDataStore personal) {
        this.hub = hub;
        this.metrics = metrics;
        OperationsConfig ops = hub.settings().office().operations();
        this.metricsAccess = new MetricsAccess(ops.metrics());
        this.privacy = ops.privacy();
        this.backups = backups;
        this.dbExecutor = dbExecutor;
        this.personal = personal;
        this.backupExecutor = vertx.createSharedWorkerExecutor("sqlite-backup", 1);
        vertx.setPeriodic(CHECK_MS, CHECK_MS, id -> {
            scheduledBackup();
            retentionStep();
        });
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("createBackup", this::createBackup);
        handlers.put("metrics", this::metrics);
    }

    /**
     * Routes ahead of the token check: {@code /metrics} carries its own token, which is no staff token; and
     * refused sign-ins are counted as they leave.
     */
    void mount(Router router) {
        router.route(HttpMethod.GET, "/metrics").order(-2).handler(this::metrics);
        router.route(HttpMethod.POST, "/api/login").order(-2).handler(rc -> {
            rc.addEndHandler(v -> {
                int status = rc.response().getStatusCode();
                if (status == 401 || status == 429) {
                    metrics.loginFailed();
                }
            });
            rc.next();
        });
    }

    private void metrics(RoutingContext rc) {
        String remote = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
        if (!metricsAccess.permits(remote, rc.request().getHeader("Authorization"))) {
            ApiError.send(rc, 403, "metrics-forbidden");
            return;
        }
        rc.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }

    private void createBackup(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> backup().onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("backup failed", ar.cause());
                ApiError.send(rc, 503, "backup-failed", String.valueOf(ar.cause().getMessage()));
                return;
            }
            Backups.Taken t = ar.result();
            Replies.json(rc, 201, new JsonObject().put("file", t.file().toString()).put("bytes", t.bytes())
                    .put("at", t.at().toString()).put("tookMs", t.took().toMillis()));
        }));
    }

    private Future<Backups.Taken> backup() {
        return backupExecutor.executeBlocking(backups::take, false);
    }

    private void scheduledBackup() {
        if (backupRunning) {
            return;
        }
        backupRunning = true;
        backupExecutor.executeBlocking(() -> backups.due() ? backups.take() : null, false).onComplete(ar -> {
            backupRunning = false;
            if (ar.failed() && !backupFailing) {
                LOG.error("scheduled backup failed (retried every {} s)", CHECK_MS / 1000, ar.cause());
            }
            backupFailing = ar.failed();
        });
    }

    private void retentionStep() {
        if (retentionRunning) {
            return;
        }
        LocalDate horizon = LocalDate.ofInstant(hub.now(), hub.settings().office().timezone())
                .minusDays(privacy.keepDays());
        if (clearedBefore != null && !clearedBefore.isBefore(horizon)) {
            return;
        }
        retentionRunning = true;
        LocalDate from = clearedBefore;
        dbExecutor.executeBlocking(() -> {
            LocalDate start = from != null ? from
                    : personal.firstDay().filter(d -> d.matches("\\d{4}-\\d{2}-\\d{2}"))
                            .map(LocalDate::parse).orElse(horizon);
            LocalDate end = start.plusDays(DAYS_PER_STEP).isBefore(horizon) ? start.plusDays(DAYS_PER_STEP) : horizon;
            // The first pass starts from the beginning of time, in case a day sorts before the log's first.
            PersonalDataStore.Deleted d = personal.deleteDays(from == null ? "" : start.toString(), end.toString());
            if (d.total() > 0) {
                LOG.info("personal data before {} deleted: {} rating comments, {} booking codes", end,
                        d.comments(), d.bookingCodes());
            }
            return end;
        }, false).onComplete(ar -> {
            retentionRunning = false;
            if (ar.succeeded()) {
                clearedBefore = ar.result();
            } else {
                LOG.warn("personal data deletion failed; retried in {} s", CHECK_MS / 1000, ar.cause());
            }
        });
    }

    Future<Void> close() {
        return backupExecutor.close();
    }
}
