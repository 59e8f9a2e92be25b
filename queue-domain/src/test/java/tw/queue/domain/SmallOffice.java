package tw.queue.domain;

import tw.queue.time.ManualClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;

/**
 * The engine on an office with a clock the test moves, and the events it produced. By default a three-counter
 * office for hand-worked cases: counter 1 serves quick and long, counter 2 quick only, counter 3 is the private
 * room (private and long). Quick takes 6 minutes, long 30, private 30. {@link #sample()} is the bundled Xitun
 * office with its opening hours kept.
 */
final class SmallOffice {
    static final Instant NINE_AM = Instant.parse("2026-11-23T01:00:00Z");

    static final OfficeConfig OFFICE = OfficeConfigLoader.parse("""
            id: small
            name: {zh-TW: 小所, en: Small office}
            timezone: Asia/Taipei
            hours:
              monday: ["08:00-17:00"]
            services:
              - {id: quick, names: {zh-TW: 快, en: Quick}, numbers: 1001-1999, expected-minutes: 6}
              - {id: long, names: {zh-TW: 長, en: Long}, numbers: 2001-2999, expected-minutes: 30}
              - {id: private, names: {zh-TW: 私, en: Private}, numbers: 3001-3999, expected-minutes: 30, private: true}
            counters:
              - {number: 1, services: [quick, long]}
              - {number: 2, services: [quick]}
              - {number: 3, services: [private, long]}
            """, "small.yaml");

    final OfficeConfig office;
    final ManualClock clock = new ManualClock(NINE_AM);
    final CallNextPolicy policy;
    final WaitEstimator estimator;
    final QueueEngine engine;
    final OfficeState state;
    final List<Event> log = new ArrayList<>();
    private int ids;

    SmallOffice(CallNextPolicy policy) {
        this(OFFICE, policy, false);
    }

    private SmallOffice(OfficeConfig office, CallNextPolicy policy, boolean enforceHours) {
        this(office, policy, enforceHours, null);
    }

    private SmallOffice(OfficeConfig office, CallNextPolicy policy, boolean enforceHours, Duration targetWait) {
        this.office = office;
        this.policy = policy;
        this.estimator = new WorkloadWaitEstimator(policy);
        this.engine = new QueueEngine(office, policy, estimator, clock, enforceHours, targetWait);
        this.state = new OfficeState(office);
        run(new Command.Tick());
    }

    static SmallOffice balanced() {
        return new SmallOffice(new BalancedPolicy(BalancedPolicy.Settings.forOffice(OFFICE)));
    }

    static SmallOffice fair() {
        return new SmallOffice(new FairPolicy(FairPolicy.Settings.forOffice(), OFFICE));
    }

    /** The bundled Xitun sample under the hub's default policy, opening hours kept; Monday 09:00. */
    static SmallOffice hubDefaultOnSample() {
        OfficeConfig office = OfficeConfigLoader.loadBundledSample();
        return new SmallOffice(office, CallNextPolicy.officeDefault(office), true);
    }

    /** An office under the hub's default policy with the hub's staffing hint (target 15 minutes); 09:00. */
    static SmallOffice withStaffingHint(OfficeConfig office) {
        return new SmallOffice(office, CallNextPolicy.officeDefault(office), false, Duration.ofMinutes(15));
    }

    /** The bundled Xitun sample under the fair policy, opening hours kept; Monday 09:00. */
    static SmallOffice fairSample() {
        OfficeConfig office = OfficeConfigLoader.loadBundledSample();
        return new SmallOffice(office, new FairPolicy(FairPolicy.Settings.forOffice(), office), true);
    }

    /** The bundled Xitun sample, balanced policy, opening hours kept; Monday 09:00. */
    static SmallOffice sample() {
        return sample(OfficeConfigLoader.loadBundledSample());
    }

    /** A variant of the sample (e.g. other counter rules), balanced policy, opening hours kept; Monday 09:00. */
    static SmallOffice sample(OfficeConfig office) {
        return new SmallOffice(office, new BalancedPolicy(BalancedPolicy.Settings.forOffice(office)), true);
    }

    QueueEngine.Result run(Command c) {
        QueueEngine.Result r = engine.execute(state, c);
        log.addAll(r.events());
        return r;
    }

    Ticket issue(String service, Priority p) {
        return issue(service, p, null);
    }

    Ticket issue(String service, Priority p, String lang) {
        String id = "t" + (++ids);
        run(new Command.IssueTicket(id, service, p, Channel.KIOSK, lang));
        return state.ticket(id).orElseThrow();
    }

    String callNext(int counter, Actor clerk) {
        return run(new Command.CallNext(counter, clerk)).ticketId().orElse(null);
    }

    Ticket checkIn(String code, String service, Instant due) {
        run(new Command.BookAppointments(java.util.List.of(new Command.Booking(code, service, due))));
        String id = "t" + (++ids);
        run(new Command.CheckIn(id, code, Channel.KIOSK, null));
        return state.ticket(id).orElseThrow();
    }

    Actor open(int counter) {
        Actor clerk = new Actor(Actor.Kind.CLERK, "clerk" + counter);
        run(new Command.OpenCounter(counter, clerk));
        return clerk;
    }

    /** The clerk finishes whoever is at the counter, then calls the next (as the simulator's clerks do). */
    String callNext(int counter) {
        Actor clerk = new Actor(Actor.Kind.CLERK, "clerk" + counter);
        if (state.currentAt(counter).isPresent()) {
            run(new Command.Finish(counter, clerk));
        }
        return run(new Command.CallNext(counter, clerk)).ticketId().orElse(null);
    }

    /** What this office's estimator tells a citizen taking a ticket (no priority) for the service now. */
    WaitEstimate estimateForNewcomer(String service) {
        return estimateForNewcomer(estimator, service);
    }

    /** What the given estimator would tell a citizen taking a ticket (no priority) for the service now. */
    WaitEstimate estimateForNewcomer(WaitEstimator other, String service) {
        return other.forNewTicket(state, service, Priority.NONE, clock.instant());
    }

    void minutes(long m) {
        clock.advance(Duration.ofMinutes(m));
    }

    void seconds(long s) {
        clock.advance(Duration.ofSeconds(s));
    }
}
