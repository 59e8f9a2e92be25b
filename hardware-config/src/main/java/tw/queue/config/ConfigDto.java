package tw.queue.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The YAML file as written, before validation. Every field is a boxed type or a string so that a missing or
 * mistyped value shows up as {@code null} and can be reported, instead of silently becoming 0 or false.
 * Property names are kebab-case (see {@link OfficeConfigLoader}).
 */
final class ConfigDto {

    private ConfigDto() {
    }

    static final class Office {
        public String id;
        public Map<String, String> name;
        public String timezone;
        public Map<String, List<String>> hours;
        public List<Service> services;
        public List<Counter> counters;
        public List<Device> devices;
        public List<Staff> staff;
    }

    static final class Service {
        public String id;
        public Map<String, String> names;
        public Map<String, String> hints;
        public String numbers;
        public Double expectedMinutes;
        @JsonProperty("private")
        public Boolean privateService;
        public Boolean priorityEligible;
    }

    static final class Counter {
        public Integer number;
        public List<String> services;
        public String area;
    }

    static final class Device {
        public String id;
        public String type;
        public String tokenHash;
        public List<Integer> counters;
        public Serial serial;
        public Map<String, Integer> pins;
    }

    static final class Serial {
        public String port;
        public Integer baud;
        public String protocol;
    }

    static final class Staff {
        public String username;
        public String role;
        public String passwordHash;
    }
}
