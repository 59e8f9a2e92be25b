package tw.queue.config;

import java.util.List;

/**
 * A numbered service point.
 *
 * @param services the service ids it may serve, in order of preference (first = what it takes first)
 * @param area where it stands in the lobby, as signs say it (e.g. "A", "Turning Point room")
 */
public record CounterDef(int number, List<String> services, String area) {

    public CounterDef {
        services = List.copyOf(services);
    }

    public boolean serves(String serviceId) {
        return services.contains(serviceId);
    }
}
