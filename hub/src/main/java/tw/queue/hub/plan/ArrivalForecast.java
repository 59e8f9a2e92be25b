package tw.queue.hub.plan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tw.queue.domain.Wire;
import tw.queue.domain.WireNamed;
import tw.queue.hub.store.VisitQueries;

/**
 * A date's arrivals per service and hour, forecast from past office days (pure: the days are passed in).
 *
 * <p>Method: the exponentially weighted mean of the same weekday and hour over the last {@code weeks} weeks,
 * the week before the date weighing 1 and each earlier one {@code 2^(-1/halfLifeWeeks)} times the next. Why:
 * the office's load has a strong weekly shape (Monday mornings) and drifts over months (passports before the
 * summer), while one hour of one service on one day is a Poisson count with a noise of 1/sqrt(count) (45% for
 * five an hour). Eight weeks with a half-life of four weigh like about seven equal weeks (the effective number
 * {@code (sum w)^2 / sum w^2}), which brings that noise down to about a sixth, while a trend is followed with
 * a lag of about three weeks. A seasonal or regression model would need a year of history the office does not
 * have at the start; no library on the shelf is smaller than these lines (Hipparchus has no weighted-window
 * smoother of this kind).
 *
 * <p>Closed-day guard: a same-weekday date with no visits (a holiday, a typhoon day) or with fewer than
 * {@code closedDayShare} of the median visits of the others (a half day, a power cut) is left out, not
 * counted as a quiet day; the weights of the rest are renormalised. With no usable same-weekday date at all
 * (a new office), every office day of the window is used, weighted by its age in weeks.
 */
public final class ArrivalForecast {

    /**
     * @param weeks how far back to look
     * @param halfLifeWeeks after how many weeks a day weighs half
     * @param closedDayShare a day with fewer visits than this share of the median is left out
     */
    public record Settings(int weeks, double halfLifeWeeks, double closedDayShare) {
        public static final Settings DEFAULT = new Settings(8, 4, 0.3);
    }

    /** One past office day: per service, its visits in each hour of the day (24 counts, local time). */
    public record Day(LocalDate date, Map<String, int[]> counts) {
        public int total() {
            return counts.values().stream().mapToInt(c -> Arrays.stream(c).sum()).sum();
        }
    }

    /** What the forecast rests on: the same weekday, every office day of the window (fallback), or nothing. */
    public enum Basis implements WireNamed {
        @Wire("weekday") WEEKDAY,
        @Wire("all-days") ALL_DAYS,
        @Wire("none") NONE
    }

    /**
     * @param firstHour the first hour of the day forecast (local, e.g. 8 for 08:00-09:00)
     * @param rates per service (sorted), arrivals in each hour from {@code firstHour}
     * @param used the past days it rests on, with their weights (before normalising)
     * @param skipped same-weekday dates left out by the closed-day guard (since the history began)
     */
    public record Forecast(LocalDate date, int firstHour, int hours, Map<String, double[]> rates, Basis basis,
                           Map<LocalDate, Double> used, List<LocalDate> skipped) {
        /** All services' arrivals in hour {@code i} (0 = the first hour). */
        public double total(int i) {
            return rates.values().stream().mapToDouble(r -> r[i]).sum();
        }

        /**
         * How many equally weighted days the weights are worth, {@code (sum w)^2 / sum w^2}: a rate forecast
         * from Poisson counts has a standard error of {@code sqrt(rate / effectiveDays)}.
         */
        public double effectiveDays() {
            double sw = used.values().stream().mapToDouble(Double::doubleValue).sum();
            double sw2 = used.values().stream().mapToDouble(w -> w * w).sum();
            return sw2 == 0 ? 0 : sw * sw / sw2;
        }

        /** The rates raised by {@code z} standard errors each (what to staff for, so a low forecast does not). */
        public Map<String, double[]> upper(double z) {
            double n = effectiveDays();
            Map<String, double[]> out = new TreeMap<>();
            rates.forEach((s, r) -> out.put(s, Arrays.stream(r).map(v -> n == 0 ? v : v + z * Math.sqrt(v / n))
                    .toArray()));
            return out;
        }

        public double total() {
            double t = 0;
            for (int i = 0; i < hours; i++) {
                t += total(i);
            }
            return t;
        }
    }

    private ArrivalForecast() {
    }

    /**
     * The forecast for {@code date}'s hours {@code [firstHour, firstHour + hours)}; visits before the first
     * hour count in it (they wait for the doors), visits after the last in the last.
     *
     * @param history past office days (any order; days on or after {@code date} are ignored)
     */
    public static Forecast of(LocalDate date, int firstHour, int hours, Collection<Day> history, Settings s) {
        Map<LocalDate, Day> byDate = new HashMap<>();
        for (Day d : history) {
            if (d.date().isBefore(date) && d.total() > 0) {
                byDate.put(d.date(), d);
            }
        }
        double decay = Math.pow(0.5, 1.0 / s.halfLifeWeeks());
        Map<LocalDate, Double> used = new TreeMap<>();
        List<LocalDate> skipped = new ArrayList<>();
        List<Day> candidates = new ArrayList<>();
        LocalDate firstRecorded = byDate.keySet().stream().min(LocalDate::compareTo).orElse(date);
        for (int k = 1; k <= s.weeks(); k++) {
            LocalDate d = date.minusWeeks(k);
            if (byDate.containsKey(d)) {
                candidates.add(byDate.get(d));
            } else if (!d.isBefore(firstRecorded)) {
                // a day with no visits while the office was recording: closed (before the history began it is
                // simply unknown)
                skipped.add(d);
            }
        }
        double median = median(candidates.stream().mapToInt(Day::total).toArray());
        Basis basis = Basis.WEEKDAY;
        for (Day d : candidates) {
            if (d.total() < s.closedDayShare() * median) {
                skipped.add(d.date());
            } else {
                used.put(d.date(), Math.pow(decay, ChronoUnit.WEEKS.between(d.date(), date) - 1));
            }
        }
        if (used.isEmpty()) {
            basis = Basis.ALL_DAYS;
            LocalDate from = date.minusWeeks(s.weeks());
            for (Day d : byDate.values()) {
                if (!d.date().isBefore(from)) {
                    used.put(d.date(), Math.pow(decay, ChronoUnit.DAYS.between(d.date(), date) / 7));
                }
            }
            if (used.isEmpty()) {
                basis = Basis.NONE;
            }
        }
        double weights = used.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, double[]> rates = new TreeMap<>();
        for (var e : used.entrySet()) {
            double w = e.getValue() / weights;
            for (var c : byDate.get(e.getKey()).counts().entrySet()) {
                double[] r = rates.computeIfAbsent(c.getKey(), k -> new double[hours]);
                int[] n = c.getValue();
                for (int h = 0; h < n.length; h++) {
                    int i = Math.max(0, Math.min(hours - 1, h - firstHour));
                    r[i] += w * n[h];
                }
            }
        }
        skipped.sort(null);
        return new Forecast(date, firstHour, hours, rates, basis, used, skipped);
    }

    /** The store's counts as days. */
    public static Collection<Day> days(List<VisitQueries.HourlyArrivals> rows) {
        Map<LocalDate, Map<String, int[]>> out = new TreeMap<>();
        for (VisitQueries.HourlyArrivals r : rows) {
            if (r.hour() < 0 || r.hour() > 23) {
                continue;
            }
            out.computeIfAbsent(r.day(), d -> new TreeMap<>())
                    .computeIfAbsent(r.service(), s -> new int[24])[r.hour()] += r.count();
        }
        return out.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue())).toList();
    }

    private static double median(int[] values) {
        if (values.length == 0) {
            return 0;
        }
        int[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }
}
