package tw.queue.config;

import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;

/**
 * How one LED scrolling-text board (字幕機) is laid out and what it covers: the {@code board:} block of a
 * board device in the office YAML. Validated by {@link BoardLayoutCheck}.
 *
 * @param width pixels across (at most 255 for Alpha dots pictures)
 * @param height pixels down; each text line takes 16
 * @param lines text lines shown at once (1: languages take turns; 2: one language per line)
 * @param counters the counters whose calls it shows; with {@code services} both empty: every counter
 * @param services the services whose calls it shows
 * @param languages language tags in the order shown (zh-TW, en)
 * @param scrollSpeed 1 (slowest) to 5
 * @param callSeconds how long each language of a call stays up
 * @param callRepeat how many times the languages of a call cycle before the announcement returns
 * @param brightness brightness in percent from a time of day on (sorted); empty: always 100
 * @param address the sign's address on its line (0: every sign)
 */
public record BoardLayout(
        int width,
        int height,
        int lines,
        List<Integer> counters,
        List<String> services,
        List<String> languages,
        int scrollSpeed,
        CallEffect callEffect,
        int callSeconds,
        int callRepeat,
        LedColour colour,
        List<BrightnessStep> brightness,
        int address) {

    public static final BoardLayout DEFAULT = new BoardLayout(192, 16, 1, List.of(), List.of(),
            List.of("zh-TW", "en"), 3, CallEffect.HOLD, 4, 2, LedColour.AMBER, List.of(), 0);

    public BoardLayout {
        counters = List.copyOf(counters);
        services = List.copyOf(services);
        languages = List.copyOf(languages);
        brightness = brightness.stream().sorted(Comparator.comparing(BrightnessStep::from)).toList();
    }

    /** How a call is shown: standing still, or flashing. */
    public enum CallEffect { HOLD, FLASH }

    public enum LedColour { RED, GREEN, AMBER }

    public record BrightnessStep(LocalTime from, int percent) {
    }

    /** Whether a call at {@code counter} for {@code service} belongs on this board. */
    public boolean covers(int counter, String service) {
        return counters.isEmpty() && services.isEmpty() || counters.contains(counter) || services.contains(service);
    }

    /**
     * The part of the day the board runs below full brightness, in whole hours (for signs that only dim by
     * time window): from the first dimmed step to the next full one. Empty when it never dims.
     */
    public java.util.Optional<int[]> dimHours() {
        for (int i = 0; i < brightness.size(); i++) {
            if (brightness.get(i).percent() < 100) {
                for (int k = 1; k < brightness.size(); k++) {
                    BrightnessStep next = brightness.get((i + k) % brightness.size());
                    if (next.percent() >= 100) {
                        return java.util.Optional.of(new int[] {brightness.get(i).from().getHour(), next.from().getHour()});
                    }
                }
                return java.util.Optional.empty(); // dimmed all day: nothing a time window can say
            }
        }
        return java.util.Optional.empty();
    }

    /** The brightness at a time of day: the last step begun by then, wrapping round from the day before. */
    public int brightnessAt(LocalTime time) {
        if (brightness.isEmpty()) {
            return 100;
        }
        BrightnessStep current = brightness.get(brightness.size() - 1);
        for (BrightnessStep s : brightness) {
            if (!s.from().isAfter(time)) {
                current = s;
            }
        }
        return current.percent();
    }
}
