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

    /** A half-open range [from, to). */
    public record TimeRange(LocalTime from, LocalTime to) {
        public boolean contains(LocalTime t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }
}
