package tw.queue.hub.plan;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OpeningHours;
import tw.queue.hub.sim.Scenario;
import tw.queue.hub.stats.MonthlyEvaluation;
import tw.queue.hub.store.VisitQueries;

/**
 * A date's staffing plan from the office's history: what {@code hub.jar plan} prints and {@code GET
 * /api/plan} serves (one shape for both, {@link #json}). Reading the history ({@link #history}) is separate
 * from the planning ({@link #make}), so a server reads on its reader thread and simulates elsewhere.
 */
public final class DayPlan {
    private DayPlan() {
    }

    /** What the plan needs from the store: the days in the forecast's window and service times. */
    public record History(Collection<ArrivalForecast.Day> days, List<VisitQueries.ServiceTimes> serviceTimes) {
    }

    /** @param closed the office does not open that day (then no forecast and no plan) */
    public record Result(LocalDate date, boolean closed, ArrivalForecast.Forecast forecast,
                         StaffingPlanner.Plan plan, ArrivalForecast.Settings forecastSettings,
                         StaffingPlanner.Settings settings) {
    }

    /** The forecast window's history (run it inside {@link VisitQueries#read}, so both reads see one state). */
    public static History history(VisitQueries q, LocalDate date, ArrivalForecast.Settings s) throws SQLException {
        LocalDate from = date.minusWeeks(s.weeks());
        LocalDate to = date.minusDays(1);
        return new History(ArrivalForecast.days(q.hourlyArrivals(from, to)),
                q.serviceTimes(from, to, MonthlyEvaluation.SUSPICIOUS.toMillis()));
    }

    /**
     * @param model the simulated days' model (service times, lunch turns...); null: from the history
     */
    public static Result make(OfficeConfig office, History history, LocalDate date, Scenario model,
                              ArrivalForecast.Settings fs, StaffingPlanner.Settings ps) {
        List<OpeningHours.TimeRange> ranges = office.hours().on(date.getDayOfWeek());
        if (ranges.isEmpty()) {
            return new Result(date, true, null, null, fs, ps);
        }
        int first = ranges.stream().mapToInt(r -> r.from().getHour()).min().orElseThrow();
        int end = ranges.stream().mapToInt(r -> endHour(r.to())).max().orElseThrow();
        ArrivalForecast.Forecast f = ArrivalForecast.of(date, first, end - first, history.days(), fs);
        Scenario m = model != null ? model : StaffingPlanner.modelFromHistory(office, history.serviceTimes());
        return new Result(date, false, f, new StaffingPlanner(office, m, ps).plan(f), fs, ps);
    }

    private static int endHour(LocalTime t) {
        if (t.equals(LocalTime.MAX) || t.getHour() == 23 && t.getMinute() == 59) {
            return 24;
        }
        return t.getHour() + (t.getMinute() > 0 ? 1 : 0);
    }

    /** The plan as the API and {@code plan --json} give it. */
    public static Map<String, Object> json(Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", r.date().toString());
        out.put("weekday", r.date().getDayOfWeek().name().toLowerCase(Locale.ROOT));
        out.put("closed", r.closed());
        out.put("targetShare", r.settings().targetShare());
        out.put("targetWaitSeconds", r.settings().targetWait().toSeconds());
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("forecast", "ewma-same-weekday-hour");
        method.put("weeks", r.forecastSettings().weeks());
        method.put("halfLifeWeeks", r.forecastSettings().halfLifeWeeks());
        method.put("policy", r.settings().policy());
        method.put("seeds", r.settings().seeds());
        out.put("method", method);
        if (r.closed()) {
            out.put("hours", List.of());
            out.put("counterHours", 0);
            return out;
        }
        ArrivalForecast.Forecast f = r.forecast();
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("basis", f.basis().wire());
        basis.put("daysUsed", f.used().keySet().stream().map(LocalDate::toString).toList());
        basis.put("daysSkipped", f.skipped().stream().map(LocalDate::toString).toList());
        basis.put("totalArrivals", round(f.total()));
        out.put("forecast", basis);
        List<Map<String, Object>> hours = new ArrayList<>();
        for (StaffingPlanner.Hour h : r.plan().hours()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("hour", h.hour());
            row.put("from", String.format("%02d:00", h.hour()));
            row.put("to", String.format("%02d:00", h.hour() + 1));
            Map<String, Object> arrivals = new LinkedHashMap<>();
            h.arrivals().forEach((s, v) -> arrivals.put(s, round(v)));
            row.put("arrivals", arrivals);
            row.put("totalArrivals", round(h.arrivals().values().stream().mapToDouble(Double::doubleValue).sum()));
            row.put("counters", h.counters());
            row.put("open", h.open());
            row.put("withinTarget", h.withinTarget() == null ? null : round3(h.withinTarget()));
            row.put("meetsTarget", h.meetsTarget());
            hours.add(row);
        }
        out.put("hours", hours);
        out.put("counterHours", r.plan().counterHours());
        out.put("dayWithinTarget", r.plan().dayWithinTarget() == null ? null : round3(r.plan().dayWithinTarget()));
        out.put("seedsMeetingTarget", r.plan().seedsMeetingTarget());
        out.put("dedicated", r.plan().dedicated());
        return out;
    }

    /** The plan as a table for the command line. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        String day = r.date() + " (" + r.date().getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL,
                Locale.ENGLISH) + ")";
        if (r.closed()) {
            return "Staffing plan for " + day + ": the office is closed that day.\n";
        }
        ArrivalForecast.Forecast f = r.forecast();
        b.append(String.format(Locale.ROOT, "Staffing plan for %s: %.0f citizens forecast from %d past days (%s; "
                        + "weighted mean of the last %d weeks, half-life %.0f weeks)%s%n", day, f.total(),
                f.used().size(), f.basis().wire(), r.forecastSettings().weeks(), r.forecastSettings().halfLifeWeeks(),
                f.skipped().isEmpty() ? "" : ", left out: " + f.skipped()));
        TreeSet<String> services = new TreeSet<>(f.rates().keySet());
        StringBuilder head = new StringBuilder(String.format("%-12s %8s", "hour", "arrivals"));
        for (String s : services) {
            head.append(String.format(" %8s", abbreviate(s)));
        }
        head.append(String.format(" %8s %10s  %s", "counters", "within " + r.settings().targetWait().toMinutes()
                + "m", "open"));
        b.append(head).append('\n').append("-".repeat(head.length() + 10)).append('\n');
        for (StaffingPlanner.Hour h : r.plan().hours()) {
            b.append(String.format(Locale.ROOT, "%02d:00-%02d:00  %8.1f", h.hour(), h.hour() + 1,
                    h.arrivals().values().stream().mapToDouble(Double::doubleValue).sum()));
            for (String s : services) {
                b.append(String.format(Locale.ROOT, " %8.1f", h.arrivals().getOrDefault(s, 0.0)));
            }
            b.append(String.format(Locale.ROOT, " %8d %10s  %s%n", h.counters(), h.withinTarget() == null ? "-"
                    : String.format(Locale.ROOT, "%.1f%%%s", 100 * h.withinTarget(), h.meetsTarget() ? "" : "!"),
                    ranges(h.open())));
        }
        StaffingPlanner.Plan p = r.plan();
        b.append(String.format(Locale.ROOT, "counter-hours %d; whole day within %d min: %s (%d of %d simulated days "
                        + "meet %.0f%%; %d candidate plans simulated; policy %s)%n", p.counterHours(),
                r.settings().targetWait().toMinutes(), p.dayWithinTarget() == null ? "-"
                        : String.format(Locale.ROOT, "%.1f%%", 100 * p.dayWithinTarget()),
                p.seedsMeetingTarget(), p.seeds(), 100 * r.settings().targetShare(), p.evaluations(),
                r.settings().policy()));
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 8 ? s : s.substring(0, 8);
    }

    /** 1,2,3,5 as "1-3,5". */
    static String ranges(List<Integer> numbers) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < numbers.size(); i++) {
            int start = numbers.get(i);
            int j = i;
            while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(start);
            if (j > i) {
                b.append('-').append(numbers.get(j));
            }
            i = j;
        }
        return b.toString();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
