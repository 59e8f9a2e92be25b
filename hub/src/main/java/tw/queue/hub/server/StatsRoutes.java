package tw.queue.hub.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tw.queue.domain.WireNamed;
import tw.queue.hub.auth.Role;
import tw.queue.hub.stats.DayStatistics;
import tw.queue.hub.stats.HistoryDimension;
import tw.queue.hub.stats.HistorySummary;
import tw.queue.hub.stats.MonthlyEvaluation;
import tw.queue.hub.stats.QueueLength;
import tw.queue.hub.stats.SplitTally;
import tw.queue.hub.stats.WaitHistogram;
import tw.queue.hub.store.LoggedEvent;
import tw.queue.hub.store.VisitQueries;

/**
 * Wait and service-time figures for the manager: a day's from its events; history, its histograms, a day's
 * queue length and the monthly counter evaluation from the per-visit summary and its rollups (or the day's
 * events), read on a read-only connection off the writer's thread.
 */
final class StatsRoutes {
    /** The longest range a history summary may cover (a year and a bit: this year against last). */
    static final int MAX_RANGE_DAYS = 400;

    private final HubContext hub;
    private final Function<String, Future<List<LoggedEvent>>> eventsOfDay;
    private final Function<VisitQueries.Reading<?>, Future<?>> history;

    /**
     * @param history runs a reading of the per-visit summary on the reader's executor
     */
    StatsRoutes(HubContext hub, Function<String, Future<List<LoggedEvent>>> eventsOfDay,
                Function<VisitQueries.Reading<?>, Future<?>> history) {
        this.hub = hub;
        this.eventsOfDay = eventsOfDay;
        this.history = history;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("dayStats", this::day);
        handlers.put("statsSummary", this::summary);
        handlers.put("monthlyReport", this::monthly);
        handlers.put("statsHistogram", this::histogram);
        handlers.put("statsQueueLength", this::queueLength);
    }

    private void day(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            String day = rc.queryParams().contains("date") ? LocalDate.parse(rc.queryParams().get("date")).toString()
                    : hub.now().atZone(hub.settings().office().timezone()).toLocalDate().toString();
            eventsOfDay.apply(day).onComplete(ar -> Replies.after(rc, ar, 200, events -> JsonObject.mapFrom(
                    DayStatistics.of(day, events.stream().map(LoggedEvent::event).toList()))));
        });
    }

    private void summary(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            LocalDate[] range = range(rc);
            if (range == null) {
                return;
            }
            LocalDate from = range[0];
            LocalDate to = range[1];
            HistoryDimension by;
            try {
                by = WireNamed.fromWire(HistoryDimension.class, rc.queryParams().get("by"));
            } catch (IllegalArgumentException e) {
                ApiError.send(rc, 400, "unknown-dimension", rc.queryParams().get("by"));
                return;
            }
            long targetMs = hub.settings().targetWait().toMillis();
            this.<List<HistorySummary.Row>>read(q -> HistorySummary.of(q, from, to, by, targetMs)).onComplete(ar -> Replies.after(rc, ar, 200,
                    rows -> new JsonObject().put("from", from.toString()).put("to", to.toString())
                            .put("by", by.wire()).put("targetSeconds", targetMs / 1000)
                            .put("rows", new JsonArray(rows.stream().map(JsonObject::mapFrom).toList()))));
        });
    }

    private void histogram(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            LocalDate[] range = range(rc);
            if (range == null) {
                return;
            }
            WaitHistogram.Measure measure = WireNamed.fromWire(WaitHistogram.Measure.class,
                    rc.queryParams().get("measure"));
            String service = rc.queryParams().get("service");
            if (service != null && hub.settings().office().service(service).isEmpty()) {
                ApiError.send(rc, 400, "unknown-service", service);
                return;
            }
            this.<List<WaitHistogram.Row>>read(q -> {
                Map<String, SplitTally> byService = q.tallies(range[0], range[1], HistoryDimension.SERVICE);
                return service == null ? WaitHistogram.of(byService, measure)
                        : List.of(WaitHistogram.row(service, byService.getOrDefault(service, new SplitTally()).all(), measure));
            }).onComplete(ar -> Replies.after(rc, ar, 200, rows -> {
                JsonArray out = new JsonArray();
                rows.forEach(r -> out.add(new JsonObject().put("key", r.key())
                        .put("counts", new JsonArray(Arrays.stream(r.counts()).boxed().toList())).put("over", r.over())));
                return new JsonObject().put("from", range[0].toString()).put("to", range[1].toString())
                        .put("measure", measure.wire()).put("bucketSeconds", WaitHistogram.BUCKET_SECONDS)
                        .put("rows", out);
            }));
        });
    }

    private void queueLength(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            LocalDate day = date(rc, "date");
            if (day == null) {
                return;
            }
            ZoneId zone = hub.settings().office().timezone();
            Instant now = hub.now();
            // today's points stop at now; a day gone by has them all
            Instant until = day.equals(now.atZone(zone).toLocalDate()) ? now : null;
            var hours = hub.settings().office().hours().on(day.getDayOfWeek());
            this.<List<QueueLength.Point>>read(q -> QueueLength.of(q.queueStepsOfDay(day), day, zone, hours, until))
                    .onComplete(ar -> Replies.after(rc, ar, 200, points -> new JsonObject().put("date", day.toString())
                            .put("stepSeconds", QueueLength.STEP_SECONDS)
                            .put("points", new JsonArray(points.stream().map(JsonObject::mapFrom).toList()))));
        });
    }

    /** The {@code from} and {@code to} query parameters as a range of at most 400 days, or null after answering 400. */
    private static LocalDate[] range(RoutingContext rc) {
        LocalDate from = date(rc, "from");
        LocalDate to = from == null ? null : date(rc, "to");
        if (to == null) {
            return null;
        }
        if (to.isBefore(from)) {
            ApiError.send(rc, 400, "range-reversed", from, to);
            return null;
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_RANGE_DAYS) {
            ApiError.send(rc, 400, "range-too-long", days, MAX_RANGE_DAYS);
            return null;
        }
        return new LocalDate[] {from, to};
    }

    private void monthly(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            YearMonth month;
            try {
                month = YearMonth.parse(rc.queryParams().get("month"));
            } catch (DateTimeParseException | NullPointerException e) {
                ApiError.send(rc, 400, "bad-month", String.valueOf(rc.queryParams().get("month")));
                return;
            }
            String format = rc.queryParams().contains("format") ? rc.queryParams().get("format") : "json";
            Locale locale = Texts.fromAcceptLanguage(rc.request().getHeader("Accept-Language"));
            var target = hub.settings().targetWait();
            String file = "counter-evaluation-" + month;
            // The files are made on the reader's thread too: the first workbook loads POI's schemas (seconds).
            this.<Answer>read(q -> {
                MonthlyEvaluation.Report report = MonthlyEvaluation.of(month.toString(),
                        q.tallies(month.atDay(1), month.atEndOfMonth(), HistoryDimension.COUNTER),
                        q.tallies(month.atDay(1), month.atEndOfMonth(), HistoryDimension.CLERK), target);
                return switch (format) {
                    // a byte-order mark, so Excel reads the Chinese headings as UTF-8
                    case "csv" -> new Answer("text/csv; charset=utf-8", file + ".csv",
                            Buffer.buffer("\uFEFF" + ReportFormats.csv(report, locale), StandardCharsets.UTF_8.name()));
                    case "xlsx" -> new Answer("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            file + ".xlsx", Buffer.buffer(ReportFormats.xlsx(report, locale)));
                    default -> new Answer("application/json; charset=utf-8", null, JsonObject.mapFrom(report)
                            .put("targetSeconds", target.toSeconds())
                            .put("suspiciousBelowSeconds", MonthlyEvaluation.SUSPICIOUS.toSeconds()).toBuffer());
                };
            }).onComplete(ar -> {
                if (ar.failed()) {
                    rc.fail(ar.cause());
                    return;
                }
                Answer a = ar.result();
                rc.response().putHeader("Content-Type", a.type());
                if (a.file() != null) {
                    rc.response().putHeader("Content-Disposition", "attachment; filename=\"" + a.file() + "\"");
                }
                rc.response().end(a.body());
            });
        });
    }

    /** A made answer: its media type, the file name it downloads as (or null), the body. */
    private record Answer(String type, String file, Buffer body) {
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> read(VisitQueries.Reading<T> reading) {
        return (Future<T>) history.apply(reading);
    }

    /** The query parameter as a date, or null after answering 400. */
    private static LocalDate date(RoutingContext rc, String name) {
        String value = rc.queryParams().get(name);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            ApiError.send(rc, 400, "bad-date", name, String.valueOf(value));
            return null;
        }
    }
}
