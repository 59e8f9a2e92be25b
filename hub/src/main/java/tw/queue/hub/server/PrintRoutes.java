package tw.queue.hub.server;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import tw.queue.config.DeviceDef;
import tw.queue.domain.Command;
import tw.queue.domain.DeviceStatus;
import tw.queue.domain.OfficeState;
import tw.queue.hub.auth.Authenticator;
import tw.queue.hub.auth.Principal;
import tw.queue.hub.auth.Role;
import tw.queue.hub.devices.DeviceMonitor;

/**
 * Slips sent to a kiosk's printer: a volunteer (or the manager) asks for a waiting ticket's slip at a kiosk
 * beside them; that kiosk's agent fetches the job with its own token (the public stream names only the job, the
 * number and the kiosk) and reports how it ended. Fetching is a read, so a kiosk on flaky Wi-Fi just asks again.
 */
final class PrintRoutes {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PRINTER = "printer";
    private final HubContext hub;
    private final DeviceMonitor monitor;
    private final Authenticator auth;

    PrintRoutes(HubContext hub, DeviceMonitor monitor, Authenticator auth) {
        this.hub = hub;
        this.monitor = monitor;
        this.auth = auth;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("printTicket", this::print);
        handlers.put("getPrintJob", this::get);
        handlers.put("listKiosks", this::kiosks);
        handlers.put("kioskPrintJobs", this::offered);
        handlers.put("reportPrintJob", this::report);
    }

    /** 202 with the new job; 200 with the one already on its way when the same slip is asked for again. */
    private void print(RoutingContext rc) {
        Access.require(rc, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> {
            String ticketId = rc.pathParam("id");
            String kiosk = rc.body().asJsonObject().getString("kiosk");
            if (!isKiosk(kiosk)) {
                ApiError.send(rc, 404, "unknown-kiosk", kiosk);
                return;
            }
            OfficeState state = hub.writer().state();
            if (DeviceStatus.OFFLINE.equals(monitor.status(kiosk, state))) {
                ApiError.send(rc, 409, "kiosk-offline", kiosk);
                return;
            }
            String printer = printerOf(kiosk, state);
            if (!canPrint(printer)) {
                ApiError.send(rc, 409, "kiosk-cannot-print", kiosk, printer);
                return;
            }
            Command.RequestPrint ask = new Command.RequestPrint(newJobId(), ticketId, kiosk, p.actor());
            hub.writer().submit(ask).onComplete(ar -> {
                if (ar.failed()) {
                    rc.fail(ar.cause());
                    return;
                }
                OfficeState s = hub.writer().state();
                Instant now = hub.now();
                Optional<OfficeState.PrintJob> created = s.printJob(ask.jobId());
                Optional<OfficeState.PrintJob> job = created.or(() -> s.offeredPrintJobs(kiosk, now).stream()
                        .filter(j -> j.ticketId().equals(ticketId)).findFirst());
                job.ifPresentOrElse(j -> Replies.json(rc, created.isPresent() ? 202 : 200, view(j, now)),
                        // reported by the kiosk in the moment between asking and answering
                        () -> ApiError.send(rc, 409, "print-job-finished", "printed"));
            });
        });
    }

    private void get(RoutingContext rc) {
        Access.require(rc, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> hub.writer().state()
                .printJob(rc.pathParam("job")).ifPresentOrElse(j -> Replies.json(rc, 200, view(j, hub.now())),
                        () -> ApiError.send(rc, 404, "unknown-print-job")));
    }

    private void kiosks(RoutingContext rc) {
        Access.require(rc, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> {
            OfficeState state = hub.writer().state();
            JsonArray out = new JsonArray();
            for (DeviceDef d : auth.devices()) {
                if (d.type() != DeviceDef.DeviceType.KIOSK) {
                    continue;
                }
                String status = monitor.status(d.id(), state);
                String printer = printerOf(d.id(), state);
                out.add(new JsonObject().put("id", d.id()).put("status", status).put("printer", printer)
                        .put("canPrint", !DeviceStatus.OFFLINE.equals(status) && canPrint(printer)));
            }
            Replies.json(rc, 200, out);
        });
    }

    /** The kiosk's own jobs, each with the ticket as its slip prints it (id for the QR code, ahead, estimate). */
    private void offered(RoutingContext rc) {
        ownKiosk(rc).ifPresent(kiosk -> {
            OfficeState state = hub.writer().state();
            Instant now = hub.now();
            JsonArray out = new JsonArray();
            for (OfficeState.PrintJob j : state.offeredPrintJobs(kiosk, now)) {
                state.ticket(j.ticketId()).ifPresent(t -> out.add(new JsonObject().put("job", j.id())
                        .put("requestedAt", j.requestedAt().toString())
                        // as the kiosk's own number: whether it has priority, never the class (the slip prints neither)
                        .put("ticket", ApiShapes.ticket(state, hub.estimator(), t, now, false))));
            }
            Replies.json(rc, 200, out);
        });
    }

    private void report(RoutingContext rc) {
        ownKiosk(rc).ifPresent(kiosk -> {
            String job = rc.pathParam("job");
            JsonObject body = rc.body().asJsonObject();
            hub.writer().submit(new Command.ReportPrint(job, kiosk, body.getString("result"), body.getString("reason")))
                    .onComplete(ar -> Replies.after(rc, ar, 200,
                            r -> view(hub.writer().state().printJob(job).orElseThrow(), hub.now())));
        });
    }

    /** The calling kiosk's id, when it asks about itself; otherwise answers 401 or 403. */
    private static Optional<String> ownKiosk(RoutingContext rc) {
        return Access.ownDevice(rc, Role.KIOSK).map(Principal::name);
    }

    private boolean isKiosk(String id) {
        return auth.devices().stream().anyMatch(d -> d.id().equals(id) && d.type() == DeviceDef.DeviceType.KIOSK);
    }

    private static String printerOf(String kiosk, OfficeState state) {
        return state.device(kiosk).map(d -> d.components().get(PRINTER)).orElse(null);
    }

    /** A printer not yet reported is given the benefit of the doubt: the kiosk reports failures itself. */
    private static boolean canPrint(String printer) {
        return printer == null || !DeviceStatus.FAULT.equals(DeviceStatus.of(Map.of(PRINTER, printer)));
    }

    static JsonObject view(OfficeState.PrintJob j, Instant now) {
        JsonObject v = new JsonObject()
                .put("job", j.id())
                .put("kiosk", j.kiosk())
                .put("number", j.number())
                .put("service", j.service())
                .put("status", j.status(now))
                .put("requestedAt", j.requestedAt().toString());
        if (j.finishedAt() != null) {
            v.put("finishedAt", j.finishedAt().toString());
        }
        if (j.reason() != null) {
            v.put("reason", j.reason());
        }
        return v;
    }

    private static String newJobId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return "p-" + HexFormat.of().formatHex(b);
    }
}
