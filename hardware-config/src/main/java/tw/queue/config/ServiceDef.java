package tw.queue.config;

/**
 * What a citizen comes for. Numbers are digits only, drawn from {@code numbers} and reset each office day.
 *
 * @param privateService served at a private counter (Turning Point); boards show no service name for it
 * @param priorityEligible priority classes (65+, disability, pregnant or with infant) may be given here
 */
public record ServiceDef(
        String id,
        LocalizedText names,
        LocalizedText hints,
        NumberRange numbers,
        double expectedMinutes,
        boolean privateService,
        boolean priorityEligible) {
}
