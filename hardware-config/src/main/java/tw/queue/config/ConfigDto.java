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
        public Rules counterRules;
        public Metrics metrics;
        public Backup backup;
        public Privacy privacy;
    }

    static final class Metrics {
        public String token;
        public List<String> allow;
    }

    static final class Backup {
        public String dir;
        public Integer everyHours;
        public Integer keepDays;
    }

    static final class Privacy {
        public Integer keepDays;
    }

    static final class Rules {
        public Integer callNextGuardSeconds;
        public Integer noShowAfterSeconds;
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
        public String hub;
        public List<Button> buttons;
        public Integer helpBell;
        public Printer printer;
        public List<Panel> panels;
        public Display display;
        public BoardDto board;
    }

    static final class Serial {
        public String port;
        public Integer baud;
        public String protocol;
        public Integer dataBits;
        public String parity;
        public Integer stopBits;
    }

    /** A kiosk's button for one service, with its LED. */
    static final class Button {
        public String service;
        public Integer pin;
        public Integer led;
    }

    static final class Printer {
        public String encoding;
        public Integer paperWidth;
        public String publicUrl;
    }

    /** A panel's wiring at one counter. */
    static final class Panel {
        public Integer counter;
        public Integer callNext;
        public Integer recall;
        public Integer finish;
        public Integer noShow;
        public Integer pause;
        public Integer busyLed;
        public Integer satisfied;
        public Integer neutral;
        public Integer dissatisfied;
        public Integer displayAddress;
    }

    static final class Display {
        public Integer function;
        public Integer timeoutMs;
    }

    static final class Staff {
        public String username;
        public String role;
        public String passwordHash;
    }
}
