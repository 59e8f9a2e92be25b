package tw.queue.hub.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An office day to simulate, as a YAML file. Times of day are "H:MM" counted from midnight of the simulated
 * day (hours may pass 24 for long steady-state runs); durations are in minutes.
 *
 * @param office which office: {@code sample} (the bundled Xitun office), a config file path relative to the
 *     scenario, or an inline office ({@link InlineOffice}) for textbook cases
 * @param open when arrivals start; {@param close} when they stop (the counters serve whoever is still waiting)
 * @param warmupMinutes arrivals in the first minutes that are left out of the figures and the trace
 * @param arrivals hourly arrival rates per service from {@code open} (the last rate repeats), or a trace file
 * @param serviceTimes per service id, or {@code default}
 * @param patience how long a citizen waits before leaving (absent: nobody leaves)
 */
public record Scenario(
        String name,
        String office,
        InlineOffice inlineOffice,
        String open,
        String close,
        double warmupMinutes,
        Integer seeds,
        Arrivals arrivals,
        double priorityShare,
        Appointments appointments,
        Map<String, Dist> serviceTimes,
        Dist patience,
        double noShowShare,
        Staffing staffing) {

    /** A one-off office for textbook cases: every counter serves every service. */
    public record InlineOffice(List<InlineService> services, int counters) {
    }

    public record InlineService(String id, double minutes) {
    }

    /** Hourly rates per service (non-homogeneous Poisson, piecewise constant per hour), or a CSV trace. */
    public record Arrivals(Map<String, List<Double>> hourlyRates, String trace) {
    }

    /**
     * @param share of visits that are booked online
     * @param lateMeanMinutes mean of arrival minus booked time (negative: early)
     * @param lateSdMinutes its spread (normal)
     * @param noShowShare bookings that never come
     */
    public record Appointments(double share, double lateMeanMinutes, double lateSdMinutes, double noShowShare) {
    }

    /** A distribution of minutes: exponential (mean), lognormal (mean, cv) or empirical (values). */
    public record Dist(String dist, double meanMinutes, double cv, List<Double> values) {
    }

    /**
     * @param shifts which counters are staffed when
     * @param lunch counters take turns for lunch within a window
     * @param backline counters the back-line reviewers open while the hub's staffing hint is on
     */
    public record Staffing(List<Shift> shifts, Lunch lunch, Backline backline) {
    }

    /** @param counters e.g. "1-20" or "1-6,25" */
    public record Shift(String counters, String from, String to) {
    }

    /**
     * Each counter takes {@code minutes} off; counters go in {@code groups} turns spread from {@code from}.
     *
     * @param counters which counters rotate (default: all staffed through the window); a counter left out is
     *     covered by a colleague over lunch
     */
    public record Lunch(String from, String to, double minutes, int groups, String counters) {
    }

    /** @param delayMinutes how long a reviewer takes to reach the counter after the hint */
    public record Backline(String counters, double delayMinutes) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static Scenario load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readValue(in, Scenario.class);
        }
    }

    public static Scenario parse(String yaml) throws IOException {
        return YAML.readValue(yaml, Scenario.class);
    }

    /** Minutes from midnight of day 0 for "H:MM" (H may exceed 23). */
    public static double minutesOf(String hhmm) {
        String[] p = hhmm.trim().split(":");
        return Integer.parseInt(p[0]) * 60.0 + (p.length > 1 ? Integer.parseInt(p[1]) : 0);
    }

    /** Counter numbers in a list like "1-20,25". */
    public static List<Integer> counters(String spec) {
        List<Integer> out = new java.util.ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.contains("-")) {
                String[] r = p.split("-");
                for (int i = Integer.parseInt(r[0].trim()); i <= Integer.parseInt(r[1].trim()); i++) {
                    out.add(i);
                }
            } else {
                out.add(Integer.parseInt(p));
            }
        }
        return out;
    }
}
