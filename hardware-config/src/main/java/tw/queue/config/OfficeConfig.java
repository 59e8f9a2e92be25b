package tw.queue.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One office as the installer describes it: services, counters, devices, staff and the counters' rules.
 * Loaded and validated by {@link OfficeConfigLoader}; immutable once loaded.
 */
public record OfficeConfig(
        String id,
        LocalizedText name,
        ZoneId timezone,
        OpeningHours hours,
        List<ServiceDef> services,
        List<CounterDef> counters,
        List<DeviceDef> devices,
        List<StaffAccount> staff,
        CounterRules counterRules,
        OperationsConfig operations) {

    public OfficeConfig {
        counterRules = counterRules == null ? CounterRules.DEFAULT : counterRules;
        operations = operations == null ? OperationsConfig.DEFAULT : operations;
        services = List.copyOf(services);
        counters = List.copyOf(counters);
        devices = devices == null ? List.of() : List.copyOf(devices);
        staff = staff == null ? List.of() : List.copyOf(staff);
    }

    /** An office with the default counter rules. */
    public OfficeConfig(String id, LocalizedText name, ZoneId timezone, OpeningHours hours, List<ServiceDef> services,
                        List<CounterDef> counters, List<DeviceDef> devices, List<StaffAccount> staff) {
        this(id, name, timezone, hours, services, counters, devices, staff, CounterRules.DEFAULT);
    }

    /** An office with the default operations settings (metrics on loopback, nightly backups, 90 days of comments). */
    public OfficeConfig(String id, LocalizedText name, ZoneId timezone, OpeningHours hours, List<ServiceDef> services,
                        List<CounterDef> counters, List<DeviceDef> devices, List<StaffAccount> staff,
                        CounterRules counterRules) {
        this(id, name, timezone, hours, services, counters, devices, staff, counterRules, OperationsConfig.DEFAULT);
    }

    public Optional<ServiceDef> service(String serviceId) {
        // A plain loop: the estimator asks this many times per command.
        for (ServiceDef s : services) {
            if (s.id().equals(serviceId)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Optional<CounterDef> counter(int number) {
        for (CounterDef c : counters) {
            if (c.number() == number) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The same office with other devices and staff (demo mode adds its own). */
    public OfficeConfig withDevicesAndStaff(List<DeviceDef> newDevices, List<StaffAccount> newStaff) {
        return new OfficeConfig(id, name, timezone, hours, services, counters, newDevices, newStaff, counterRules,
                operations);
    }

    /** The same office with other counter rules. */
    public OfficeConfig withCounterRules(CounterRules rules) {
        return new OfficeConfig(id, name, timezone, hours, services, counters, devices, staff, rules, operations);
    }

    /** The same office with other operations settings (metrics access, backups, privacy horizon). */
    public OfficeConfig withOperations(OperationsConfig ops) {
        return new OfficeConfig(id, name, timezone, hours, services, counters, devices, staff, counterRules, ops);
    }
}
