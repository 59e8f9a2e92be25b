package tw.queue.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** Opening hours per weekday; a day may have several ranges (e.g. evening hours). Days absent are closed. */
public record OpeningHours(Map<DayOfWeek, List<TimeRange>> days) {

    public OpeningHours {
        days = Map.copyOf(days);
    }

    public List<TimeRange> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    public boolean isOpen(DayOfWeek day, LocalTime time) {
        return on(day).stream().anyMatch(r -> r.contains(time));
    }

    /** When the office next opens after {@code now} (within a week), or empty if it never does. */
    public java.util.Optional<java.time.ZonedDateTime> nextOpening(java.time.ZonedDateTime now) {
        for (int d = 0; d <= 7; d++) {
            java.time.LocalDate date = now.toLocalDate().plusDays(d);
            java.util.Optional<java.time.ZonedDateTime> first = on(date.getDayOfWeek()).stream()
                    .map(r -> date.atTime(r.from()).atZone(now.getZone()))
                    .filter(start -> start.isAfter(now))
                    .min(java.util.Comparator.naturalOrder());
            if (first.isPresent()) {
                return first;
            }
        }
        return java.util.Optional.empty();
    }

    /** A half-open range [from, to). */
    public record TimeRange(LocalTime from, LocalTime to) {
        public boolean contains(LocalTime t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }
}
