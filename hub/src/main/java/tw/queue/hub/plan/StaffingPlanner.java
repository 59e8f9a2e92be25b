package tw.queue.hub.plan;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import tw.queue.config.CounterDef;
import tw.queue.config.OfficeConfig;
import tw.queue.config.ServiceDef;
import tw.queue.hub.sim.OfficeDaySimulator;
import tw.queue.hub.sim.Scenario;
import tw.queue.hub.sim.report.ErlangC;
import tw.queue.hub.sim.report.SeedResult;
import tw.queue.hub.sim.report.TicketRecord;
import tw.queue.hub.store.VisitQueries;

/**
 * The fewest open counters per hour that still call {@code targetShare} of the citizens within {@code
 * targetWait}, for a forecast day; checked by running the office-day simulator on the forecast.
 *
 * <p>Which counters: a counter that alone serves a service expected that day (the Turning Point counter) is
 * open all day; the others open in an order that gives each service's first-choice counters a share of the
 * open ones in proportion to that service's forecast workload (D'Hondt), so the counter that opens first is
 * the one the day needs most and every service keeps counters that take it.
 *
 * <p>Search: an Erlang C start per hour (the hour's load on its own, lunch turns taken out of the hours they
 * fall in), then the simulator on {@code seeds} days of the forecast (the same seeds for every candidate, so
 * candidates differ by their staffing, not their luck): hours that miss the target get a counter more (or the
 * hour before, if this one is full) until all meet it; then every hour gives up a counter at once, and those
 * whose hour (or the next, which inherits its queue) then misses the target take it back, until no hour can
 * give one up. Share of an hour: of the citizens who took a number in that hour over all seeds, those called
 * within the target wait; one who left unserved counts as not called in time. Besides every hour, the whole
 * day must meet the target on all but a tenth of the seeds. An hour that cannot meet the target with every
 * counter open keeps what it reached (it is marked, and the day before it is not cut to reach it).
 */
public final class StaffingPlanner {
    /** The simulator's call-next policy by default (the hub's own). */
    public static final String DEFAULT_POLICY = tw.queue.domain.CallNextPolicy.OFFICE_DEFAULT;

    /**
     * @param seeds simulated days per candidate plan
     * @param firstSeed the first of them (a check on other days uses other seeds)
     * @param margin the plan is made for the forecast raised by this many standard errors of its noise
     */
    public record Settings(int seeds, int firstSeed, double targetShare, Duration targetWait, String policy,
                           double margin) {
        public static final Settings DEFAULT = new Settings(8, 1, 0.85, Duration.ofMinutes(15), DEFAULT_POLICY, 1.0);

        public Settings withSeeds(int n) {
            return new Settings(n, firstSeed, targetShare, targetWait, policy, margin);
        }
    }

    /**
     * One hour of the plan.
     *
     * @param arrivals the forecast per service (only those expected)
     * @param open the counters to open, by number
     * @param withinTarget the simulated share called within the target wait (null: nobody expected)
     */
    public record Hour(int hour, Map<String, Double> arrivals, int counters, List<Integer> open, Double withinTarget,
                       boolean meetsTarget) {
    }

    /**
     * @param counterHours the sum of the hours' open counters
     * @param dayWithinTarget the simulated share of the whole day called within the target wait, over all seeds
     * @param seedsMeetingTarget simulated days on which the whole day met the target
     * @param evaluations how many candidate plans were simulated
     */
    public record Plan(LocalDate date, List<Hour> hours, int counterHours, Double dayWithinTarget,
                       int seedsMeetingTarget, int seeds, int evaluations, List<Integer> dedicated,
                       List<Integer> openingOrder) {
    }

    /**
     * A candidate's simulated figures.
     *
     * @param hourShare per hour, pooled over the seeds (NaN for an hour with nobody)
     * @param seedShare per seed, the whole day's share
     */
    public record Evaluation(double[] hourShare, int[] hourTickets, double[] seedShare, double dayShare) {
        /**
         * A low day: the seeds' mean share less 1.645 standard deviations (a normal 5th percentile, for a
         * distribution whose left tail is longer than a normal's); smoother than counting the seeds that
         * meet the target, so the search cannot pick a plan for the luck of a few seeds.
         */
        double lowDay() {
            double mean = java.util.Arrays.stream(seedShare).average().orElse(1);
            double var = java.util.Arrays.stream(seedShare).map(v -> (v - mean) * (v - mean)).sum()
                    / Math.max(1, seedShare.length - 1);
            return mean - 1.645 * Math.sqrt(var);
        }

        int seedsMeeting(double target) {
            int n = 0;
            for (double s : seedShare) {
                if (s >= target) {
                    n++;
                }
            }
            return n;
        }
    }

    private static final boolean TRACE = Boolean.getBoolean("planner.trace");
    private final OfficeConfig office;
    private final Scenario model;
    private final Settings settings;

    /**
     * @param model what the simulated days take from a scenario besides arrivals and staffing: service times,
     *     patience, priority and appointment shares, no-shows, lunch turns ({@link #modelFromHistory} without one)
     */
    public StaffingPlanner(OfficeConfig office, Scenario model, Settings settings) {
        this.office = office;
        this.model = model;
        this.settings = settings;
    }

    /** The plan for the forecast day. */
    public Plan plan(ArrivalForecast.Forecast f) {
        int hours = f.hours();
        Map<String, double[]> forecast = served(f.rates());
        Map<String, double[]> rates = served(f.upper(settings.margin()));
        List<Integer> dedicated = dedicated(rates);
        List<Integer> order = openingOrder(rates, dedicated);
        if (rates.isEmpty()) {
            List<Hour> out = new ArrayList<>();
            for (int i = 0; i < hours; i++) {
                out.add(new Hour(f.firstHour() + i, Map.of(), 0, List.of(), null, true));
            }
            return new Plan(f.date(), out, 0, null, 0, 0, 0, dedicated, order);
        }
        int cap = order.size();
        int[] min = new int[hours];
        for (int i = 0; i < hours; i++) {
            final int h = i;
            boolean general = rates.entrySet().stream().anyMatch(e -> e.getValue()[h] > 0
                    && !dedicatedOnly(e.getKey(), dedicated));
            min[i] = general && cap > 0 ? 1 : 0;
        }
        int[] n = start(f.firstHour(), rates, dedicated, cap, min);
        int evaluations = 0;
        double target = settings.targetShare();
        int seedsNeeded = settings.seeds() - settings.seeds() / 10;
        Evaluation ev = evaluate(f.firstHour(), rates, n, order, dedicated, settings.firstSeed(), settings.seeds());
        evaluations++;
        // repair: a counter more where an hour misses the target, as long as more counters help that hour (the
        // Turning Point's citizens wait for their one counter however many others open)
        boolean[] saturated = new boolean[hours];
        boolean[] raised = new boolean[hours];
        double[] before = ev.hourShare().clone();
        for (int round = 0; round < 3 * hours; round++) {
            boolean changed = false;
            java.util.Arrays.fill(raised, false);
            for (int i = 0; i < hours; i++) {
                if (ev.hourShare()[i] < target && !saturated[i]) {
                    int j = raise(n, i, cap);
                    if (j >= 0) {
                        raised[i] = true;
                        changed = true;
                    } else {
                        saturated[i] = true;
                    }
                }
            }
            boolean forTheDay = false;
            if (!changed && (ev.seedsMeeting(target) < seedsNeeded || ev.lowDay() < target)) {
                changed = forTheDay = raise(n, worstHour(ev, saturated), cap) >= 0;
            }
            if (!changed) {
                break;
            }
            before = ev.hourShare().clone();
            double lowBefore = ev.lowDay();
            ev = evaluate(f.firstHour(), rates, n.clone(), order, dedicated, settings.firstSeed(), settings.seeds());
            evaluations++;
            for (int i = 0; i < hours; i++) {
                if (raised[i] && !(ev.hourShare()[i] > before[i] + 0.002)) {
                    saturated[i] = true;
                }
            }
            if (meets(ev, target, null, seedsNeeded, target) || forTheDay && !(ev.lowDay() > lowBefore + 0.002)) {
                break;
            }
        }
        // what the repaired plan reaches is the floor of an hour that cannot meet the target
        double[] floor = new double[hours];
        for (int i = 0; i < hours; i++) {
            double s = ev.hourShare()[i];
            floor[i] = Double.isNaN(s) ? 0 : Math.min(target, s);
        }
        int daySeeds = Math.min(seedsNeeded, ev.seedsMeeting(target));
        double lowDay = Math.min(target, ev.lowDay());
        // trim: every hour gives up a counter; those that then miss take it back
        boolean[] fixed = new boolean[hours];
        while (true) {
            int[] trial = n.clone();
            List<Integer> tried = new ArrayList<>();
            for (int i = 0; i < hours; i++) {
                if (!fixed[i] && n[i] > min[i]) {
                    trial[i]--;
                    tried.add(i);
                }
            }
            if (tried.isEmpty()) {
                break;
            }
            Evaluation t = evaluate(f.firstHour(), rates, trial, order, dedicated, settings.firstSeed(),
                    settings.seeds());
            evaluations++;
            List<Integer> pending = new ArrayList<>(tried);
            while (!meets(t, target, floor, daySeeds, lowDay)) {
                final Evaluation failed = t;
                List<Integer> back = pending.stream().filter(i -> misses(failed, i, floor)
                        || i + 1 < hours && misses(failed, i + 1, floor)).toList();
                if (back.isEmpty()) {
                    // only the whole day missed: the hour hurt most takes its counter back
                    back = List.of(pending.stream().min((a, b) -> Double.compare(
                            failed.hourShare()[a] - floor[a], failed.hourShare()[b] - floor[b])).orElseThrow());
                }
                for (int i : back) {
                    trial[i]++;
                    fixed[i] = true;
                    pending.remove(Integer.valueOf(i));
                }
                if (pending.isEmpty()) {
                    t = null;
                    break;
                }
                t = evaluate(f.firstHour(), rates, trial, order, dedicated, settings.firstSeed(), settings.seeds());
                evaluations++;
            }
            if (t != null) {
                n = trial;
                ev = t;
            }
        }
        List<Hour> out = new ArrayList<>();
        int counterHours = 0;
        for (int i = 0; i < hours; i++) {
            List<Integer> open = open(n[i], order, dedicated);
            counterHours += open.size();
            Map<String, Double> arrivals = new TreeMap<>();
            for (var e : forecast.entrySet()) {
                if (e.getValue()[i] > 0) {
                    arrivals.put(e.getKey(), e.getValue()[i]);
                }
            }
            double s = ev.hourShare()[i];
            out.add(new Hour(f.firstHour() + i, arrivals, open.size(), open, Double.isNaN(s) ? null : s,
                    Double.isNaN(s) || s >= target));
        }
        return new Plan(f.date(), out, counterHours, ev.dayShare(), ev.seedsMeeting(target), settings.seeds(),
                evaluations, dedicated, order);
    }

    /** The general counters open in each hour of a plan (the dedicated ones left out). */
    public static int[] generalCounters(Plan plan) {
        return plan.hours().stream().mapToInt(h -> h.counters() - (int) h.open().stream()
                .filter(plan.dedicated()::contains).count()).toArray();
    }

    /**
     * Runs a plan's staffing on other arrivals (for example the true rates a forecast was made from) and
     * other seeds.
     */
    public Evaluation check(Plan plan, int firstHour, Map<String, double[]> rates, int firstSeed, int seeds) {
        return evaluate(firstHour, served(rates), generalCounters(plan), plan.openingOrder(), plan.dedicated(),
                firstSeed, seeds);
    }

    /** The scenario the simulator runs for a staffing: {@code n[i]} general counters in hour i. */
    public Scenario scenario(int firstHour, Map<String, double[]> rates, int[] n, List<Integer> order,
                             List<Integer> dedicated) {
        int hours = n.length;
        Map<String, List<Double>> hourly = new TreeMap<>();
        rates.forEach((s, r) -> hourly.put(s, java.util.Arrays.stream(r).boxed().toList()));
        List<Scenario.Shift> shifts = new ArrayList<>();
        for (int c : dedicated) {
            shifts.add(new Scenario.Shift(Integer.toString(c), time(firstHour), time(firstHour + hours)));
        }
        for (int rank = 0; rank < order.size(); rank++) {
            int start = -1;
            for (int i = 0; i <= hours; i++) {
                boolean on = i < hours && n[i] > rank;
                if (on && start < 0) {
                    start = i;
                } else if (!on && start >= 0) {
                    shifts.add(new Scenario.Shift(Integer.toString(order.get(rank)), time(firstHour + start),
                            time(firstHour + i)));
                    start = -1;
                }
            }
        }
        Scenario.Lunch lunch = model.staffing() == null ? null : model.staffing().lunch();
        return new Scenario("plan", null, null, time(firstHour), time(firstHour + hours), 0, settings.seeds(),
                new Scenario.Arrivals(hourly, null), model.priorityShare(), model.appointments(),
                model.serviceTimes(), model.patience(), model.noShowShare(),
                new Scenario.Staffing(shifts, lunch, null));
    }

    private Evaluation evaluate(int firstHour, Map<String, double[]> rates, int[] n, List<Integer> order,
                                List<Integer> dedicated, int firstSeed, int seeds) {
        int hours = n.length;
        OfficeDaySimulator sim;
        try {
            sim = new OfficeDaySimulator(scenario(firstHour, rates, n, order, dedicated), office,
                    settings.policy(), Path.of("."));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (TRACE) {
            System.err.println("evaluate " + java.util.Arrays.toString(n));
        }
        List<SeedResult> days = IntStream.range(firstSeed, firstSeed + seeds).parallel().mapToObj(sim::run).toList();
        double limit = settings.targetWait().toSeconds();
        int[] tickets = new int[hours];
        int[] within = new int[hours];
        double[] seedShare = new double[days.size()];
        int allTickets = 0;
        int allWithin = 0;
        for (int d = 0; d < days.size(); d++) {
            int dayTickets = 0;
            int dayWithin = 0;
            for (TicketRecord t : days.get(d).tickets()) {
                int i = Math.max(0, Math.min(hours - 1, (int) (t.issued() / 3600)));
                boolean ok = t.actualWait() != null && t.actualWait() <= limit;
                tickets[i]++;
                dayTickets++;
                if (ok) {
                    within[i]++;
                    dayWithin++;
                }
            }
            seedShare[d] = dayTickets == 0 ? 1 : (double) dayWithin / dayTickets;
            allTickets += dayTickets;
            allWithin += dayWithin;
        }
        double[] share = new double[hours];
        for (int i = 0; i < hours; i++) {
            share[i] = tickets[i] == 0 ? Double.NaN : (double) within[i] / tickets[i];
        }
        if (TRACE) {
            System.err.println("  hours " + java.util.Arrays.toString(share) + "\n  seeds " + java.util.Arrays.toString(seedShare));
        }
        return new Evaluation(share, tickets, seedShare, allTickets == 0 ? Double.NaN : (double) allWithin / allTickets);
    }

    private boolean meets(Evaluation ev, double target, double[] floor, int seedsNeeded, double lowDay) {
        for (int i = 0; i < ev.hourShare().length; i++) {
            if (floor == null ? ev.hourShare()[i] < target : misses(ev, i, floor)) {
                return false;
            }
        }
        return ev.seedsMeeting(target) >= seedsNeeded && ev.lowDay() >= lowDay;
    }

    /** NaN (nobody that hour) never misses. */
    private static boolean misses(Evaluation ev, int i, double[] floor) {
        return ev.hourShare()[i] < floor[i];
    }

    /** The hour with the lowest share that more counters still help (the first hour if none). */
    private static int worstHour(Evaluation ev, boolean[] saturated) {
        int worst = 0;
        double low = Double.POSITIVE_INFINITY;
        for (int i = 0; i < ev.hourShare().length; i++) {
            if (!saturated[i] && ev.hourShare()[i] < low) {
                worst = i;
                low = ev.hourShare()[i];
            }
        }
        return worst;
    }

    /** A counter more in hour i, or in the latest hour before it that has room; the hour raised, or -1. */
    private static int raise(int[] n, int i, int cap) {
        for (int j = i; j >= 0; j--) {
            if (n[j] < cap) {
                n[j]++;
                return j;
            }
        }
        return -1;
    }

    /** Erlang C per hour on the general counters' load; lunch turns take their share out of those hours. */
    private int[] start(int firstHour, Map<String, double[]> rates, List<Integer> dedicated, int cap, int[] min) {
        int hours = min.length;
        int[] n = new int[hours];
        double t = settings.targetWait().toSeconds() / 60.0;
        Scenario.Lunch lunch = model.staffing() == null ? null : model.staffing().lunch();
        for (int i = 0; i < hours; i++) {
            double arrivals = 0;
            double work = 0;
            for (var e : rates.entrySet()) {
                if (!dedicatedOnly(e.getKey(), dedicated)) {
                    arrivals += e.getValue()[i];
                    work += e.getValue()[i] * meanMinutes(e.getKey());
                }
            }
            int k = min[i];
            if (arrivals > 0) {
                double lambda = arrivals / 60;
                double mu = arrivals / work;
                while (k < cap && (k < 1 || ErlangC.serviceLevel(k, lambda, mu, t) < settings.targetShare())) {
                    k++;
                }
            }
            if (lunch != null) {
                double from = Scenario.minutesOf(lunch.from());
                double to = Scenario.minutesOf(lunch.to());
                double overlap = Math.max(0, Math.min(to, (firstHour + i + 1) * 60.0) - Math.max(from, (firstHour + i) * 60.0));
                double away = overlap / 60 * lunch.minutes() / Math.max(1, to - from);
                k = (int) Math.ceil(k / (1 - Math.min(0.5, away)));
            }
            n[i] = Math.max(min[i], Math.min(cap, k));
        }
        return n;
    }

    /** Mean service minutes of a service in the model (its own, the default, else the office's expectation). */
    private double meanMinutes(String service) {
        Scenario.Dist d = model.serviceTimes() == null ? null : model.serviceTimes().get(service);
        if (d == null && model.serviceTimes() != null) {
            d = model.serviceTimes().get("default");
        }
        if (d != null && d.meanMinutes() > 0) {
            return d.meanMinutes();
        }
        return office.service(service).map(ServiceDef::expectedMinutes).orElse(10.0);
    }

    /** Only the services the office has (and some counter serves), with any arrivals. */
    private Map<String, double[]> served(Map<String, double[]> rates) {
        Map<String, double[]> out = new TreeMap<>();
        rates.forEach((s, r) -> {
            if (office.service(s).isPresent() && office.counters().stream().anyMatch(c -> c.serves(s))
                    && java.util.Arrays.stream(r).sum() > 0) {
                out.put(s, r.clone());
            }
        });
        return out;
    }

    /** Counters that alone serve an expected service: open all day. */
    private List<Integer> dedicated(Map<String, double[]> rates) {
        List<Integer> out = new ArrayList<>();
        for (String s : rates.keySet()) {
            List<CounterDef> servers = office.counters().stream().filter(c -> c.serves(s)).toList();
            if (servers.size() == 1 && !out.contains(servers.get(0).number())) {
                out.add(servers.get(0).number());
            }
        }
        out.sort(null);
        return out;
    }

    private boolean dedicatedOnly(String service, List<Integer> dedicated) {
        return office.counters().stream().filter(c -> c.serves(service)).allMatch(c -> dedicated.contains(c.number()));
    }

    /** The other counters, in D'Hondt order of their first service's workload; ties by counter number. */
    private List<Integer> openingOrder(Map<String, double[]> rates, List<Integer> dedicated) {
        Map<String, Deque<Integer>> groups = new LinkedHashMap<>();
        office.counters().stream().filter(c -> !dedicated.contains(c.number()))
                .sorted((a, b) -> Integer.compare(a.number(), b.number()))
                .forEach(c -> groups.computeIfAbsent(c.services().isEmpty() ? "" : c.services().get(0),
                        k -> new ArrayDeque<>()).add(c.number()));
        Map<String, Double> load = new HashMap<>();
        for (String g : groups.keySet()) {
            double[] r = rates.get(g);
            load.put(g, r == null ? 0 : java.util.Arrays.stream(r).sum() * meanMinutes(g));
        }
        Map<String, Integer> taken = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        while (true) {
            String best = null;
            double bestQuotient = -1;
            int bestHead = Integer.MAX_VALUE;
            for (var e : groups.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                double q = load.get(e.getKey()) / (taken.getOrDefault(e.getKey(), 0) + 1);
                int head = e.getValue().peek();
                if (q > bestQuotient || q == bestQuotient && head < bestHead) {
                    best = e.getKey();
                    bestQuotient = q;
                    bestHead = head;
                }
            }
            if (best == null) {
                return order;
            }
            order.add(groups.get(best).poll());
            taken.merge(best, 1, Integer::sum);
        }
    }

    private static List<Integer> open(int general, List<Integer> order, List<Integer> dedicated) {
        List<Integer> open = new ArrayList<>(dedicated);
        open.addAll(order.subList(0, Math.min(general, order.size())));
        open.sort(null);
        return open;
    }

    private static String time(int hour) {
        return hour + ":00";
    }

    /**
     * The simulated days' model when no scenario is given: each service's service time lognormal with the mean
     * and spread of its served visits in the history (at least 30 of them), else the office's expected minutes
     * with a coefficient of variation of 0.5; nobody leaves, no priority classes or appointments, no lunch turns.
     */
    public static Scenario modelFromHistory(OfficeConfig office, List<VisitQueries.ServiceTimes> history) {
        Map<String, Scenario.Dist> times = new TreeMap<>();
        for (ServiceDef s : office.services()) {
            times.put(s.id(), new Scenario.Dist("lognormal", s.expectedMinutes(), 0.5, null));
        }
        for (VisitQueries.ServiceTimes t : history) {
            if (t.served() >= 30 && t.meanMs() > 0 && times.containsKey(t.service())) {
                times.put(t.service(), new Scenario.Dist("lognormal", t.meanMs() / 60_000.0,
                        Math.max(0.05, t.sdMs() / t.meanMs()), null));
            }
        }
        return new Scenario("history", null, null, "8:00", "17:00", 0, null, null, 0, null, times, null, 0, null);
    }
}
