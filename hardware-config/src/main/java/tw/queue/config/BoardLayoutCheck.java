package tw.queue.config;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validates a {@code board:} block (problems by YAML path, like the rest of the config) and maps it to a {@link BoardLayout}. */
final class BoardLayoutCheck {
    /** Languages the boards have texts for. */
    static final List<String> LANGUAGES = List.of("zh-TW", "en");
    static final int LINE_HEIGHT = 16;
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");

    interface Reporter {
        void report(String path, String key, Object... args);
    }

    private BoardLayoutCheck() {
    }

    static void check(BoardDto b, String path, String device, Set<Integer> counterNumbers, Set<String> serviceIds,
                      Set<String> failedPaths, Reporter r) {
        BoardLayout d = BoardLayout.DEFAULT;
        int width = b.width == null ? d.width() : b.width;
        int height = b.height == null ? (b.lines == null ? d.height() : b.lines * LINE_HEIGHT) : b.height;
        if (width < 8 || width > 255 || height < LINE_HEIGHT || height > 4 * LINE_HEIGHT) {
            r.report(YamlLines.child(path, b.width != null ? "width" : "height"), "board.size", device, width, height);
        }
        if (b.lines != null && (b.lines < 1 || b.lines * LINE_HEIGHT > height)) {
            r.report(YamlLines.child(path, "lines"), "board.lines", device, b.lines, height);
        }
        if (b.counters != null) {
            for (int i = 0; i < b.counters.size(); i++) {
                Integer n = b.counters.get(i);
                if (n != null && !counterNumbers.contains(n)) {
                    r.report(YamlLines.index(YamlLines.child(path, "counters"), i), "board.unknownCounter", device, n);
                }
            }
        }
        if (b.services != null) {
            for (int i = 0; i < b.services.size(); i++) {
                String s = b.services.get(i);
                if (s != null && !serviceIds.contains(s)) {
                    String suggestion = Suggest.closest(s, serviceIds);
                    r.report(YamlLines.index(YamlLines.child(path, "services"), i),
                            suggestion != null ? "board.unknownService.suggest" : "board.unknownService",
                            device, s, suggestion);
                }
            }
        }
        if (b.languages != null) {
            String lp = YamlLines.child(path, "languages");
            if (b.languages.isEmpty()) {
                r.report(lp, "board.noLanguage", device);
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < b.languages.size(); i++) {
                String l = b.languages.get(i);
                if (l == null) {
                    continue;
                }
                if (!LANGUAGES.contains(l.trim())) {
                    r.report(YamlLines.index(lp, i), "board.language", device, l);
                } else if (!seen.add(l.trim())) {
                    r.report(YamlLines.index(lp, i), "board.duplicateLanguage", device, l);
                }
            }
        }
        range(b.scrollSpeed, 1, 5, path, "scroll-speed", device, r);
        range(b.callSeconds, 1, 60, path, "call-seconds", device, r);
        range(b.callRepeat, 1, 10, path, "call-repeat", device, r);
        range(b.address, 0, 255, path, "address", device, r);
        if (b.callEffect != null && effect(b.callEffect) == null) {
            r.report(YamlLines.child(path, "call-effect"), "board.callEffect", device, b.callEffect);
        }
        if (b.colour != null && colour(b.colour) == null) {
            r.report(YamlLines.child(path, "colour"), "board.colour", device, b.colour);
        }
        if (b.brightness != null) {
            String bp = YamlLines.child(path, "brightness");
            for (var e : b.brightness.entrySet()) {
                String ep = YamlLines.child(bp, e.getKey());
                if (time(e.getKey()) == null) {
                    r.report(ep, "board.brightnessTime", device, e.getKey());
                } else if (e.getValue() == null) {
                    if (!failedPaths.contains(ep)) {
                        r.report(ep, "board.brightnessLevel", device, e.getKey(), "");
                    }
                } else if (e.getValue() < 0 || e.getValue() > 100) {
                    r.report(ep, "board.brightnessLevel", device, e.getKey(), e.getValue());
                }
            }
        }
    }

    /** The layout of a checked block, defaults where it says nothing. */
    static BoardLayout toLayout(BoardDto b) {
        BoardLayout d = BoardLayout.DEFAULT;
        if (b == null) {
            return null;
        }
        int lines = b.lines != null ? b.lines : b.height != null ? Math.max(1, b.height / LINE_HEIGHT) : d.lines();
        int height = b.height != null ? b.height : lines * LINE_HEIGHT;
        List<BoardLayout.BrightnessStep> steps = new ArrayList<>();
        if (b.brightness != null) {
            b.brightness.forEach((t, p) -> steps.add(new BoardLayout.BrightnessStep(time(t), p)));
        }
        return new BoardLayout(
                b.width != null ? b.width : d.width(), height, lines,
                b.counters != null ? b.counters : List.of(),
                b.services != null ? b.services : List.of(),
                b.languages != null ? b.languages.stream().map(String::trim).toList() : d.languages(),
                b.scrollSpeed != null ? b.scrollSpeed : d.scrollSpeed(),
                b.callEffect != null ? effect(b.callEffect) : d.callEffect(),
                b.callSeconds != null ? b.callSeconds : d.callSeconds(),
                b.callRepeat != null ? b.callRepeat : d.callRepeat(),
                b.colour != null ? colour(b.colour) : d.colour(),
                steps,
                b.address != null ? b.address : d.address());
    }

    private static void range(Integer v, int min, int max, String path, String key, String device, Reporter r) {
        if (v != null && (v < min || v > max)) {
            r.report(YamlLines.child(path, key), "board.range", key, device, min, max, v);
        }
    }

    static BoardLayout.CallEffect effect(String s) {
        for (BoardLayout.CallEffect e : BoardLayout.CallEffect.values()) {
            if (e.name().equalsIgnoreCase(s.trim())) {
                return e;
            }
        }
        return null;
    }

    static BoardLayout.LedColour colour(String s) {
        for (BoardLayout.LedColour c : BoardLayout.LedColour.values()) {
            if (c.name().equalsIgnoreCase(s.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    static LocalTime time(String s) {
        Matcher m = TIME.matcher(s == null ? "" : s.trim());
        if (!m.matches()) {
            return null;
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        return h > 23 || min > 59 ? null : LocalTime.of(h, min);
    }
}
