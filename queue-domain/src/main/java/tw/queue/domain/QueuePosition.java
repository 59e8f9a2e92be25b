package tw.queue.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one definition of "ahead": how many will be called before a ticket. Those are the waiting tickets the
 * policy's {@link CallNextPolicy#queueOrder} puts first among those that compete with it (some counter that
 * may serve this ticket may serve them too, by the office's configuration, so opening or closing a counter
 * does not change who counts), plus the places the ticket holds for quick errands still to come
 * ({@link CallNextPolicy#reservedPlaces}). Under a policy that serves a sole counter's own cases first (the
 * Turning Point counter), a ticket only one counter can serve competes only with that counter's other
 * sole cases. An online appointment not yet due counts only the appointments booked before it: from its
 * booked time it goes before everyone else.
 *
 * <p>It also gives the work ahead for the estimate: each one ahead counted for its share of the open
 * counters in common, |C(t) ∩ C(u)| / |C(u)|, with C the open counters able to serve (the configured ones
 * while none is open).
 */
public final class QueuePosition {
    private QueuePosition() {
    }

    /**
     * @param ahead how many will be called before it (including {@code reserved})
     * @param workAhead those ahead weighted by their share of counters in common (without {@code reserved})
     * @param reserved places held for quick errands still to come
     * @param changedBecause the priority class of the latest one with a real claim that went before it after
     *     it was issued (a due appointment: {@code appointment}), or null
     * @param changedAt when that happened
     */
    public record Position(int ahead, double workAhead, int reserved, String changedBecause, Instant changedAt) {
    }

    public static Position of(OfficeState state, CallNextPolicy policy, Ticket t, Instant now) {
        List<Integer> mine = state.openCountersFor(t.service());
        if (mine.isEmpty()) {
            mine = state.countersFor(t.service());
        }
        boolean sole = policy.soleCounterFirst() && state.countersFor(t.service()).size() == 1;
        boolean earlyAppointment = t.priority() == Priority.APPOINTMENT && t.dueAt() != null && !Appointments.isDue(t, now);
        Comparator<Ticket> order = policy.queueOrder(state, now);
        Map<String, Double> shareOf = new HashMap<>();
        Set<Integer> mineSet = new HashSet<>(mine);
        if (t.id().isEmpty() && !earlyAppointment) {
            return newcomer(state, policy, t, now, order, sole, mineSet);
        }
        OfficeState.Place place = state.place(t.id()).orElse(null);
        String because = place == null ? null : place.claim();
        Instant changedAt = place == null ? null : place.claimAt();
        int ahead = 0;
        double work = 0;
        for (Ticket u : state.waiting()) {
            if (u.id().equals(t.id()) || !state.shareCounters(t.service(), u.service())) {
                continue;
            }
            if (sole && !state.countersFor(u.service()).equals(state.countersFor(t.service()))) {
                continue;
            }
            boolean before = earlyAppointment
                    ? u.priority() == Priority.APPOINTMENT && u.dueAt() != null && u.dueAt().isBefore(t.dueAt())
                    : order.compare(u, t) < 0;
            if (!before) {
                continue;
            }
            ahead++;
            if (earlyAppointment && u.issuedAt().isAfter(t.issuedAt()) && !t.id().isEmpty()
                    && (changedAt == null || u.issuedAt().isAfter(changedAt))) {
                // An appointment booked earlier checked in after this one.
                because = Priority.APPOINTMENT.wire();
                changedAt = u.issuedAt();
            }
            work += shareOf.computeIfAbsent(u.service(), s -> share(state, mineSet, s, true));
            if (Appointments.isDue(u, now) && u.dueAt().isAfter(t.queuedSince()) && !t.id().isEmpty()
                    && (changedAt == null || u.dueAt().isAfter(changedAt))) {
                // It came due while this one waited, and went first.
                because = Priority.APPOINTMENT.wire();
                changedAt = u.dueAt();
            }
        }
        int reserved = policy.reservedPlaces(state, t, now);
        return new Position(ahead + reserved, work, reserved, because, changedAt);
    }

    /** The waiting tickets in the policy's order, and how many of each service come before each place. */
    private record Sorted(List<Ticket> tickets, Map<String, int[]> before) {
    }

    /** A stand-in for a newcomer: its place among the waiting, sorted once until the state moves. */
    private static Position newcomer(OfficeState state, CallNextPolicy policy, Ticket t, Instant now,
                                     Comparator<Ticket> order, boolean sole, Set<Integer> mineSet) {
        Sorted sorted = state.derived(List.of("queue-order", policy, now), () -> {
            List<Ticket> list = new java.util.ArrayList<>(state.waiting());
            list.sort(order);
            Map<String, int[]> before = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                int[] counts = before.computeIfAbsent(list.get(i).service(), k -> new int[list.size() + 1]);
                counts[i + 1] = 1;
            }
            for (int[] counts : before.values()) {
                for (int i = 1; i < counts.length; i++) {
                    counts[i] += counts[i - 1];
                }
            }
            return new Sorted(list, before);
        });
        List<Ticket> list = sorted.tickets();
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(list.get(mid), t) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int ahead = 0;
        double work = 0;
        for (Map.Entry<String, int[]> e : sorted.before().entrySet()) {
            String u = e.getKey();
            if (!state.shareCounters(t.service(), u)
                    || (sole && !state.countersFor(u).equals(state.countersFor(t.service())))) {
                continue;
            }
            int n = e.getValue()[lo];
            ahead += n;
            work += n * share(state, mineSet, u, true);
        }
        return new Position(ahead, work, 0, null, null);
    }

    /**
     * The share of a service's counters that t may also use: |C(t) ∩ C(u)| / |C(u)|, C(u) the open counters
     * able to serve u. When none of u's is open: its configured counters if {@code configuredWhenNoneOpen} (for
     * "ahead", which counters opening must not change), else 0 (for the work ahead of an estimate: no open
     * counter will take it). The one definition, used by the position and the estimator.
     */
    public static double share(OfficeState state, Set<Integer> mine, String service, boolean configuredWhenNoneOpen) {
        List<Integer> theirs = state.openCountersFor(service);
        if (theirs.isEmpty() && configuredWhenNoneOpen) {
            theirs = state.countersFor(service);
        }
        if (theirs.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (Integer c : theirs) {
            if (mine.contains(c)) {
                common++;
            }
        }
        return (double) common / theirs.size();
    }
}
