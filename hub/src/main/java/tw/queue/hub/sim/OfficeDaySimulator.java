package tw.queue.hub.sim;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import tw.queue.time.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Locale;
import java.util.SplittableRandom;
import tw.queue.config.CounterDef;
import tw.queue.config.OfficeConfig;
import tw.queue.domain.Actor;
import tw.queue.domain.CallNextPolicy;
import tw.queue.domain.Channel;
import tw.queue.domain.Command;
import tw.queue.domain.CounterState;
import tw.queue.domain.Event;
import tw.queue.domain.NaiveWaitEstimator;
import tw.queue.domain.OfficeState;
import tw.queue.domain.Priority;
import tw.queue.domain.QueueEngine;
import tw.queue.domain.Rejection;
import tw.queue.domain.Ticket;
import tw.queue.domain.TicketStatus;
import tw.queue.domain.WaitEstimate;
import tw.queue.domain.WaitEstimator;
import tw.queue.domain.WireNamed;
import tw.queue.domain.WorkloadWaitEstimator;
import tw.queue.hub.sim.report.CounterRecord;
import tw.queue.hub.sim.report.SeedResult;
import tw.queue.hub.sim.report.TicketRecord;

/**
 * A discrete-event simulation of one office day per seed, driving the very {@link QueueEngine} the hub uses
 * with a simulated clock. Citizens arrive (walk-ins, priority classes, online appointments early or late),
 * take numbers, may give up waiting; clerks call as soon as they are free, go to lunch in turns, and the
 * back-line reviewers open their counters while the engine's staffing hint is on.
 */
public final class OfficeDaySimulator {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    /** A Monday, so the office's weekday hours apply. */
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final double NO_SHOW_SECONDS = 60;
    private static final Duration TARGET_WAIT = Duration.ofMinutes(15);

    private final Scenario scenario;
    private final OfficeConfig office;
    private final String policyName;
    private final List<Arrival> traceArrivals;

    /** One citizen from a trace: minutes from midnight, service, priority, booked time (minutes) or null. */
    record Arrival(double minute, String service, Priority priority, Double appointmentMinute) {
    }

    public OfficeDaySimulator(Scenario scenario, OfficeConfig office, String policyName, Path scenarioDir)
            throws IOException {
        this.scenario = scenario;
        this.office = office;
        this.policyName = policyName;
        this.traceArrivals = scenario.arrivals().trace() == null ? null
                : readTrace(scenarioDir.resolve(scenario.arrivals().trace()));
    }

    public SeedResult run(int seed) {
        return new Day(seed).run();
    }

    private enum Mode { OFF, ON, LUNCH_PENDING, LUNCH, CLOSING }

    private static final class Citizen {
        final int index;
        final String service;
        final Priority priority;
        final double arrival;
        final Double due;
        final double serviceSeconds;
        final double patience;
        final boolean noShow;
        String ticketId;
        double issued;
        Long estimate;
        Long naive;
        int ahead;
        int openAtIssue;

        Citizen(int index, String service, Priority priority, double arrival, Double due, double serviceSeconds,
                double patience, boolean noShow) {
            this.index = index;
            this.service = service;
            this.priority = priority;
            this.arrival = arrival;
            this.due = due;
            this.serviceSeconds = serviceSeconds;
            this.patience = patience;
            this.noShow = noShow;
        }
    }

    private static final class Counter {
        final CounterDef def;
        final Actor clerk;
        Mode mode = Mode.OFF;
        boolean backline;
        /** Closing: leave after the current citizen even if others wait (a shift ending mid-day). */
        boolean leaveAfterCurrent;
        Citizen serving;
        double openSeconds;
        double busySeconds;
        double idleWhileEligible;

        Counter(CounterDef def) {
            this.def = def;
            this.clerk = new Actor(Actor.Kind.CLERK, "sim-clerk" + def.number());
        }
    }

    private record Timed(double at, long order, Runnable action) {
    }

    /** One seed's day: its own random stream, clock, state and event queue. */
    private final class Day {
        final int seed;
        final SplittableRandom rng;
        final ManualClock clock = new ManualClock(DAY.atStartOfDay(TAIPEI).toInstant());
        final CallNextPolicy policy = CallNextPolicy.named(policyName, office);
        final WaitEstimator naive = new NaiveWaitEstimator();
        final QueueEngine engine;
        final OfficeState state = new OfficeState(office);
        final PriorityQueue<Timed> queue = new PriorityQueue<>((a, b) -> a.at() != b.at()
                ? Double.compare(a.at(), b.at()) : Long.compare(a.order(), b.order()));
        final Map<Integer, Counter> counters = new HashMap<>();
        final Map<String, Citizen> byTicket = new HashMap<>();
        final List<Citizen> citizens = new ArrayList<>();
        final double open = Scenario.minutesOf(scenario.open()) * 60;
        final double close = Scenario.minutesOf(scenario.close()) * 60;
        final double warmupEnd = open + scenario.warmupMinutes() * 60;
        long order;
        double lastTime;

        Day(int seed) {
            this.seed = seed;
            this.rng = new SplittableRandom(0x5EEDL * 1_000_003L + seed);
            this.engine = new QueueEngine(office, policy, new WorkloadWaitEstimator(policy), clock, false,
                    TARGET_WAIT);
            office.counters().forEach(c -> counters.put(c.number(), new Counter(c)));
        }

        SeedResult run() {
            exec(new Command.Tick());
            makeCitizens();
            planStaffing();
            while (!queue.isEmpty()) {
                Timed next = queue.poll();
                advanceTo(next.at());
                next.action().run();
            }
            return result();
        }

        void at(double seconds, Runnable action) {
            queue.add(new Timed(Math.max(seconds, clock.seconds()), order++, action));
        }

        QueueEngine.Result exec(Command c) {
            QueueEngine.Result r = engine.execute(state, c);
            for (Event e : r.events()) {
                if (e instanceof Event.StaffingHint h) {
                    onStaffingHint(h.active());
                }
            }
            return r;
        }

        // ---- citizens

        void makeCitizens() {
            List<Command.Booking> bookings = new ArrayList<>();
            List<Arrival> arrivals = traceArrivals != null ? traceArrivals : poissonArrivals();
            for (Arrival a : arrivals) {
                double t = a.minute() * 60;
                Double due = a.appointmentMinute() == null ? null : a.appointmentMinute() * 60;
                boolean noShowBooking = false;
                if (due == null && traceArrivals == null && scenario.appointments() != null
                        && rng.nextDouble() < scenario.appointments().share()) {
                    // The Poisson time is the booked slot; the citizen comes early or late around it.
                    due = t;
                    Scenario.Appointments ap = scenario.appointments();
                    t = Math.max(open, due + (ap.lateMeanMinutes() + ap.lateSdMinutes() * rng.nextGaussian()) * 60);
                    noShowBooking = rng.nextDouble() < ap.noShowShare();
                }
                Priority priority = due != null ? Priority.APPOINTMENT : a.priority();
                Citizen c = new Citizen(citizens.size(), a.service(), priority, t, due,
                        Distributions.seconds(rng, serviceTime(a.service())),
                        scenario.patience() == null ? Double.POSITIVE_INFINITY
                                : Distributions.seconds(rng, scenario.patience()),
                        rng.nextDouble() < scenario.noShowShare());
                if (due != null) {
                    bookings.add(new Command.Booking(code(c), c.service, clock.at(due)));
                }
                if (!noShowBooking) {
                    citizens.add(c);
                    at(t, () -> arrive(c));
                }
            }
            if (!bookings.isEmpty()) {
                exec(new Command.BookAppointments(bookings));
            }
        }

        List<Arrival> poissonArrivals() {
            List<Arrival> out = new ArrayList<>();
            for (var e : scenario.arrivals().hourlyRates().entrySet()) {
                List<Double> rates = e.getValue();
                for (double hourStart = open; hourStart < close; hourStart += 3600) {
                    int h = (int) ((hourStart - open) / 3600);
                    double rate = rates.get(Math.min(h, rates.size() - 1)) / 3600.0;
                    double end = Math.min(hourStart + 3600, close);
                    double t = hourStart;
                    while (rate > 0) {
                        t += Distributions.exponential(rng, 1.0 / rate);
                        if (t >= end) {
                            break;
                        }
                        out.add(new Arrival(t / 60.0, e.getKey(), drawPriority(), null));
                    }
                }
            }
            out.sort((a, b) -> Double.compare(a.minute(), b.minute()));
            return out;
        }

        Priority drawPriority() {
            if (rng.nextDouble() >= scenario.priorityShare()) {
                return Priority.NONE;
            }
            double u = rng.nextDouble();
            return u < 0.7 ? Priority.ELDERLY : u < 0.85 ? Priority.DISABILITY : Priority.PREGNANT_OR_INFANT;
        }

        Scenario.Dist serviceTime(String service) {
            Scenario.Dist d = scenario.serviceTimes().get(service);
            if (d == null) {
                d = scenario.serviceTimes().get("default");
            }
            if (d == null) {
                double minutes = office.service(service).orElseThrow().expectedMinutes();
                d = new Scenario.Dist("exponential", minutes, 0, null);
            }
            return d;
        }

        String code(Citizen c) {
            return "S" + seed + "-" + c.index;
        }

        void arrive(Citizen c) {
            Instant now = clock.instant();
            WaitEstimate naiveTold = naive.forNewTicket(state, c.service, c.priority, now);
            String id = "s" + seed + "-" + c.index;
            QueueEngine.Result r;
            try {
                r = c.due != null
                        ? exec(new Command.CheckIn(id, code(c), Channel.KIOSK, null))
                        : exec(new Command.IssueTicket(id, c.service, c.priority, Channel.KIOSK, null));
            } catch (Rejection late) {
                // Over 15 minutes late: the booking has lapsed and the citizen takes an ordinary number.
                r = exec(new Command.IssueTicket(id, c.service, Priority.NONE, Channel.KIOSK, null));
            }
            for (Event e : r.events()) {
                if (e instanceof Event.TicketIssued issued) {
                    c.ticketId = issued.ticketId();
                    c.estimate = issued.estimatedWaitSeconds();
                    c.ahead = issued.ahead() == null ? 0 : issued.ahead();
                    if (issued.priority() != Priority.APPOINTMENT) {
                        c.naive = naiveTold.seconds();
                    } else {
                        // An appointment is told its booked time, not an estimate.
                        c.estimate = null;
                    }
                }
            }
            c.issued = clock.seconds();
            c.openAtIssue = (int) state.counters().stream().filter(k -> k.isOpen()
                    && counters.get(k.number()).def.serves(c.service)).count();
            byTicket.put(c.ticketId, c);
            if (Double.isFinite(c.patience)) {
                at(clock.seconds() + c.patience, () -> abandon(c));
            }
            callAtIdleCounters();
        }

        void abandon(Citizen c) {
            if (state.ticket(c.ticketId).map(Ticket::isWaiting).orElse(false)) {
                exec(new Command.CancelTicket(c.ticketId, Actor.system()));
            }
        }

        // ---- counters

        /** Free clerks call at once; the one free longest first, as a real lobby tends to. */
        void callAtIdleCounters() {
            for (Counter k : counters.values()) {
                if (state.waiting().isEmpty()) {
                    return;
                }
                if (k.mode == Mode.ON && k.serving == null) {
                    callNext(k);
                }
            }
        }

        void callNext(Counter k) {
            QueueEngine.Result r = exec(new Command.CallNext(k.def.number(), k.clerk));
            k.serving = null;
            r.ticketId().ifPresent(id -> startService(k, byTicket.get(id)));
        }

        void startService(Counter k, Citizen c) {
            k.serving = c;
            double duration = c.noShow ? NO_SHOW_SECONDS : c.serviceSeconds;
            at(clock.seconds() + duration, () -> endService(k, c));
        }

        void endService(Counter k, Citizen c) {
            if (k.serving != c) {
                return;
            }
            if (c.noShow) {
                exec(new Command.NoShow(k.def.number(), k.clerk));
            } else {
                exec(new Command.Finish(k.def.number(), k.clerk));
            }
            k.serving = null;
            switch (k.mode) {
                case LUNCH_PENDING -> goToLunch(k);
                case CLOSING -> {
                    if (k.leaveAfterCurrent || !eligibleWaiting(k)) {
                        closeCounter(k);
                    } else {
                        callNext(k);
                    }
                }
                default -> callNext(k);
            }
        }

        boolean eligibleWaiting(Counter k) {
            for (Ticket t : state.waiting()) {
                if (k.def.serves(t.service())) {
                    return true;
                }
            }
            return false;
        }

        void openCounter(Counter k) {
            if (k.mode != Mode.OFF) {
                return;
            }
            exec(new Command.OpenCounter(k.def.number(), k.clerk));
            k.mode = Mode.ON;
            callNext(k);
        }

        void closeCounter(Counter k) {
            exec(new Command.CloseCounter(k.def.number(), k.clerk));
            k.mode = Mode.OFF;
            k.backline = false;
            k.leaveAfterCurrent = false;
        }

        void goToLunch(Counter k) {
            exec(new Command.PauseCounter(k.def.number(), k.clerk));
            k.mode = Mode.LUNCH;
        }

        void planStaffing() {
            Scenario.Staffing s = scenario.staffing();
            for (Scenario.Shift shift : s.shifts()) {
                double from = Scenario.minutesOf(shift.from()) * 60;
                double to = Scenario.minutesOf(shift.to()) * 60;
                for (int n : Scenario.counters(shift.counters())) {
                    Counter k = counters.get(n);
                    at(from, () -> openCounter(k));
                    at(to, () -> endShift(k, to >= close));
                }
            }
            if (s.lunch() != null) {
                planLunch(s.lunch());
            }
        }

        void endShift(Counter k, boolean drain) {
            if (k.mode == Mode.OFF) {
                return;
            }
            if (k.serving == null && (!drain || !eligibleWaiting(k))) {
                closeCounter(k);
                return;
            }
            k.mode = Mode.CLOSING;
            k.leaveAfterCurrent = !drain;
            if (k.serving == null) {
                // At closing time those who took a number are still served (this also ends a lunch break).
                callNext(k);
            }
        }

        void planLunch(Scenario.Lunch lunch) {
            double from = Scenario.minutesOf(lunch.from()) * 60;
            double to = Scenario.minutesOf(lunch.to()) * 60;
            double length = lunch.minutes() * 60;
            int groups = Math.max(1, lunch.groups());
            List<Integer> staffed = new ArrayList<>();
            for (Scenario.Shift shift : scenario.staffing().shifts()) {
                double sFrom = Scenario.minutesOf(shift.from()) * 60;
                double sTo = Scenario.minutesOf(shift.to()) * 60;
                if (sFrom <= from && sTo >= to) {
                    staffed.addAll(Scenario.counters(shift.counters()));
                }
            }
            if (lunch.counters() != null) {
                staffed.retainAll(Scenario.counters(lunch.counters()));
            }
            double step = groups == 1 ? 0 : (to - from - length) / (groups - 1);
            for (int i = 0; i < staffed.size(); i++) {
                Counter k = counters.get(staffed.get(i));
                double start = from + (i % groups) * step;
                at(start, () -> {
                    if (k.mode == Mode.ON) {
                        if (k.serving == null) {
                            goToLunch(k);
                        } else {
                            k.mode = Mode.LUNCH_PENDING;
                        }
                    }
                });
                at(start + length, () -> {
                    if (k.mode == Mode.LUNCH) {
                        k.mode = Mode.ON;
                        callNext(k);
                    } else if (k.mode == Mode.LUNCH_PENDING) {
                        k.mode = Mode.ON;
                    }
                });
            }
        }

        void onStaffingHint(boolean active) {
            Scenario.Backline b = scenario.staffing().backline();
            if (b == null) {
                return;
            }
            for (int n : Scenario.counters(b.counters())) {
                Counter k = counters.get(n);
                if (active && k.mode == Mode.OFF) {
                    at(clock.seconds() + b.delayMinutes() * 60, () -> {
                        if (state.isStaffingHintActive() && k.mode == Mode.OFF) {
                            openCounter(k);
                            k.backline = true;
                        }
                    });
                } else if (!active && k.backline && k.mode == Mode.ON) {
                    if (k.serving == null) {
                        at(clock.seconds(), () -> {
                            if (k.serving == null && k.mode == Mode.ON) {
                                closeCounter(k);
                            }
                        });
                    } else {
                        k.mode = Mode.CLOSING;
                        k.leaveAfterCurrent = true;
                    }
                }
            }
        }

        // ---- measuring

        /** Counter time between the last event and this one: open, busy, idle while it could have served. */
        void advanceTo(double t) {
            double from = Math.max(lastTime, warmupEnd);
            double dt = t - from;
            if (dt > 0) {
                boolean anyWaiting = !state.waiting().isEmpty();
                for (Counter k : counters.values()) {
                    CounterState cs = state.counter(k.def.number()).orElseThrow();
                    if (cs.isOpen()) {
                        k.openSeconds += dt;
                        if (k.serving != null) {
                            k.busySeconds += dt;
                        } else if (anyWaiting && eligibleWaiting(k)) {
                            k.idleWhileEligible += dt;
                        }
                    }
                }
            }
            lastTime = Math.max(lastTime, t);
            clock.setSeconds(t);
        }

        SeedResult result() {
            List<TicketRecord> tickets = new ArrayList<>();
            for (Citizen c : citizens) {
                if (c.ticketId == null || c.issued < warmupEnd) {
                    continue;
                }
                Ticket t = state.ticket(c.ticketId).orElseThrow();
                Double called = t.calledAt() == null ? null : clock.secondsOf(t.calledAt()) - open;
                Double finished = t.status() == TicketStatus.SERVED && t.finishedAt() != null
                        ? clock.secondsOf(t.finishedAt()) - open : null;
                double issued = c.issued - open;
                Double waitFrom = c.due != null && t.priority() == Priority.APPOINTMENT
                        ? Math.max(issued, c.due - open) : issued;
                Double actual = called == null ? null : Math.max(0, called - waitFrom);
                tickets.add(new TicketRecord(seed, c.ticketId, c.service, t.priority().wire(), issued, called,
                        finished, outcome(t.status()), c.ahead, c.openAtIssue,
                        c.estimate == null ? null : c.estimate.doubleValue(),
                        c.naive == null ? null : c.naive.doubleValue(), actual));
            }
            List<CounterRecord> records = new ArrayList<>();
            for (Counter k : counters.values()) {
                if (k.openSeconds > 0) {
                    records.add(new CounterRecord(seed, k.def.number(), k.openSeconds, k.busySeconds,
                            k.idleWhileEligible));
                }
            }
            return new SeedResult(seed, tickets, records);
        }
    }

    /** A ticket's final status; one still waiting or called when the simulated day ends was not served. */
    private static String outcome(TicketStatus s) {
        return (s.isFinal() ? s : TicketStatus.NOT_SERVED).wire();
    }

    /** Arrival traces: CSV with {@code #} comments, blank lines and quoted fields (jackson-dataformat-csv). */
    private static final ObjectReader TRACE = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY, CsvParser.Feature.SKIP_EMPTY_LINES,
                    CsvParser.Feature.ALLOW_COMMENTS, CsvParser.Feature.TRIM_SPACES)
            .build().readerFor(String[].class).with(CsvSchema.emptySchema().withComments());

    /**
     * A trace: {@code time,service,priority,appointmentTime} with times as H:MM or minutes from midnight; an
     * optional header row starting with {@code time}; priority and appointment time may be empty or left out.
     */
    static List<Arrival> readTrace(Path file) throws IOException {
        List<Arrival> out = new ArrayList<>();
        try (MappingIterator<String[]> rows = TRACE.readValues(file.toFile())) {
            boolean first = true;
            while (rows.hasNext()) {
                String[] f = rows.next();
                boolean header = first && f[0].toLowerCase(Locale.ROOT).startsWith("time");
                first = false;
                if (header || f.length == 1 && f[0].isBlank()) {
                    continue;
                }
                Priority p = f.length > 2 && !f[2].isBlank() ? WireNamed.fromWire(Priority.class, f[2]) : Priority.NONE;
                Double appt = f.length > 3 && !f[3].isBlank() ? minutes(f[3]) : null;
                out.add(new Arrival(minutes(f[0]), f[1], p, appt));
            }
        }
        out.sort((a, b) -> Double.compare(a.minute(), b.minute()));
        return out;
    }

    private static double minutes(String v) {
        return v.contains(":") ? Scenario.minutesOf(v) : Double.parseDouble(v.trim());
    }
}
