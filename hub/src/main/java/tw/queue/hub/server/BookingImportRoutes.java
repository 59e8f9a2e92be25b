package tw.queue.hub.server;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tw.queue.domain.Command;
import tw.queue.hub.auth.Role;

/**
 * The manager uploads the day's online bookings as CSV ({@link BookingCsv}): all booked in one batch through the
 * domain's BookAppointments, or none, with every bad row listed.
 */
final class BookingImportRoutes {
    /** How far ahead a file may be for: the bookings the hub reloads at start reach this far. */
    private static final int DAYS_AHEAD = 7;
    /** What browsers and spreadsheets label a .csv file with (Excel on Windows says vnd.ms-excel). */
    private static final Set<String> CSV_TYPES = Set.of("text/csv", "text/plain", "application/csv",
            "application/vnd.ms-excel");

    private final HubContext hub;

    BookingImportRoutes(HubContext hub) {
        this.hub = hub;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("importAppointments", this::importCsv);
    }

    private void importCsv(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            String type = String.valueOf(rc.request().getHeader("Content-Type")).split(";")[0].trim()
                    .toLowerCase(Locale.ROOT);
            if (!CSV_TYPES.contains(type)) {
                ApiError.send(rc, 415, "csv-media-type");
                return;
            }
            LocalDate today = hub.now().atZone(hub.settings().office().timezone()).toLocalDate();
            LocalDate date;
            try {
                String asked = rc.request().getParam("date");
                date = asked == null ? today : LocalDate.parse(asked);
            } catch (DateTimeParseException e) {
                ApiError.send(rc, 400, "bad-date", "date", rc.request().getParam("date"));
                return;
            }
            if (date.isBefore(today) || date.isAfter(today.plusDays(DAYS_AHEAD))) {
                ApiError.send(rc, 400, "csv-date-out-of-range", date, today, today.plusDays(DAYS_AHEAD));
                return;
            }
            BookingCsv.Result result;
            try {
                result = BookingCsv.read(rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes(),
                        date, hub.settings().office(), code -> hub.writer().state().booking(code).isPresent());
            } catch (BookingCsv.Unreadable e) {
                refuse(rc, 400, e.error, new JsonArray().add(problem(rc, new BookingCsv.Problem(e.row, null,
                        e.error, java.util.List.of()))));
                return;
            }
            if (!result.ok()) {
                JsonArray rows = new JsonArray();
                result.problems().forEach(pr -> rows.add(problem(rc, pr)));
                refuse(rc, 422, "csv-rows-refused", rows);
                return;
            }
            hub.writer().submit(new Command.BookAppointments(result.bookings())).onComplete(ar ->
                    Replies.after(rc, ar, 200, r -> new JsonObject().put("booked", result.bookings().size())
                            .put("date", date.toString())));
        });
    }

    /** {"error", "message", "rows": [{row, column?, error, message}]}: the message says how many rows. */
    private static void refuse(RoutingContext rc, int status, String error, JsonArray rows) {
        Locale locale = Texts.fromAcceptLanguage(rc.request().getHeader("Accept-Language"));
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", error)
                        .put("message", Texts.get(locale, "csv-refused", rows.size()))
                        .put("rows", rows).encode());
    }

    private static JsonObject problem(RoutingContext rc, BookingCsv.Problem p) {
        Locale locale = Texts.fromAcceptLanguage(rc.request().getHeader("Accept-Language"));
        String where = p.column() == null ? Texts.get(locale, "csv-at-row", p.row())
                : Texts.get(locale, "csv-at-cell", p.row(), p.column());
        JsonObject o = new JsonObject().put("row", p.row());
        if (p.column() != null) {
            o.put("column", p.column());
        }
        return o.put("error", p.error())
                .put("message", Texts.get(locale, "csv-problem", where, Texts.get(locale, p.error(), p.args().toArray())));
    }
}
