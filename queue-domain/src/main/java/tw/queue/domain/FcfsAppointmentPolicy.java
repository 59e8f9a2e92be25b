package tw.queue.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import tw.queue.config.CounterDef;

/**
 * The fair baseline: first come, first served, except that an online appointment at or past its booked time
 * goes first, earliest booking first (網路預約, 免等待). One that checked in early ranks as if it had come at its
 * booked time, so it is still called early when nothing older waits.
 */
public final class FcfsAppointmentPolicy implements CallNextPolicy {

    @Override
    public String name() {
        return "fcfs-appt";
    }

    @Override
    public Optional<Ticket> choose(OfficeState state, CounterDef counter, Instant now) {
        Comparator<Ticket> order = queueOrder(state, now);
        Ticket best = null;
        for (Ticket t : state.waiting()) {
            if (counter.serves(t.service()) && (best == null || order.compare(t, best) < 0)) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public Comparator<Ticket> queueOrder(OfficeState state, Instant now) {
        return Comparator.comparing((Ticket t) -> !Appointments.isDue(t, now))
                .thenComparing(Appointments::rankingStart).thenComparingInt(Ticket::number);
    }
}
