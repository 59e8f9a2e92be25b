package tw.queue.domain;

import java.util.HashMap;
import java.util.Map;
import tw.queue.config.OfficeConfig;
import tw.queue.config.ServiceDef;

/**
 * What recent service times say about each service: the mean of its last {@value #WINDOW} completions,
 * pulled toward the configured expectation until enough have been seen. Part of the fold, so the server,
 * the simulator and tests see the same figures.
 */
public final class ServiceTimes {
    static final int WINDOW = 500;
    /** How many observations the configured expectation counts for. */
    static final int PRIOR_WEIGHT = 30;

    private final OfficeConfig office;
    private final Map<String, Window> windows = new HashMap<>();
    /** The configured times in seconds (asked for many times per estimate). */
    private final Map<String, Double> priors = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class Window {
        final double[] values = new double[WINDOW];
        int next;
        int count;
        double sum;

        void add(double v) {
            if (count == WINDOW) {
                sum -= values[next];
            } else {
                count++;
            }
            values[next] = v;
            sum += v;
            next = (next + 1) % WINDOW;
        }

        Window copy() {
            Window w = new Window();
            System.arraycopy(values, 0, w.values, 0, WINDOW);
            w.next = next;
            w.count = count;
            w.sum = sum;
            return w;
        }
    }

    ServiceTimes(OfficeConfig office) {
        this.office = office;
    }

    ServiceTimes copy() {
        ServiceTimes c = new ServiceTimes(office);
        windows.forEach((k, v) -> c.windows.put(k, v.copy()));
        return c;
    }

    void observe(String service, double seconds) {
        if (seconds >= 0) {
            windows.computeIfAbsent(service, k -> new Window()).add(seconds);
        }
    }

    /** The expected service time of a service, in seconds. */
    private double prior(String service) {
        Double p = priors.get(service);
        if (p == null) {
            p = office.service(service).map(ServiceDef::expectedMinutes).orElse(10.0) * 60.0;
            priors.put(service, p);
        }
        return p;
    }

    public double meanSeconds(String service) {
        double prior = prior(service);
        Window w = windows.get(service);
        if (w == null) {
            return prior;
        }
        return (prior * PRIOR_WEIGHT + w.sum) / (PRIOR_WEIGHT + w.count);
    }

    /**
     * What is left, on average, of a service that has run {@code elapsedSeconds}: E[S − e | S > e] over the
     * recent times longer than e, pulled toward max(configured − e, a fifth of configured) until enough are seen.
     */
    public double remainingSeconds(String service, double elapsedSeconds) {
        double prior = prior(service);
        double priorLeft = Math.max(prior - elapsedSeconds, prior / 5);
        Window w = windows.get(service);
        double sum = 0;
        int n = 0;
        if (w != null) {
            for (int i = 0; i < w.count; i++) {
                if (w.values[i] > elapsedSeconds) {
                    sum += w.values[i] - elapsedSeconds;
                    n++;
                }
            }
        }
        int priorWeight = 5;
        return (priorLeft * priorWeight + sum) / (priorWeight + n);
    }

    public int observations(String service) {
        Window w = windows.get(service);
        return w == null ? 0 : w.count;
    }
}
