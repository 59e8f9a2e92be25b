package tw.queue.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates a city cluster file; every problem found is reported at once in a {@link ConfigException},
 * in the installer's language (zh-TW or English), as the office file's loader does.
 *
 * <pre>
 * id: taichung
 * name: {zh-TW: 臺中市, en: Taichung City}
 * host: 192.168.50.11          # this member's address
 * port: 5701                   # this member's Hazelcast port (the event bus takes a free port on the same host)
 * members: [192.168.50.11:5701, 192.168.50.12:5701, 192.168.50.13:5701]
 * cross-district-services: [transcript, registration]
 * hint-after-minutes: 30       # optional: above this local wait, kiosks and phones name the shorter offices
 * </pre>
 */
public final class CityConfigLoader {
    private static final Set<String> KEYS = Set.of("id", "name", "host", "port", "members", "cross-district-services",
            "hint-after-minutes");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern MEMBER = Pattern.compile("([A-Za-z0-9.:\\[\\]-]+):(\\d{1,5})");

    private CityConfigLoader() {
    }

    public static CityConfig load(Path file) {
        return load(file, Locale.getDefault());
    }

    public static CityConfig load(Path file, Locale locale) {
        return parse(ConfigFiles.read(file, new ConfigMessages(locale)), file.toString(), locale);
    }

    public static CityConfig parse(String text, String source, Locale locale) {
        ConfigMessages m = new ConfigMessages(locale);
        Object root;
        try {
            root = new Yaml(new LoaderOptions()).load(ConfigFiles.withoutBom(text));
        } catch (YAMLException e) {
            throw problem(source, m.get("yaml.syntax", e.getMessage()));
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw problem(source, m.get("city.notMapping"));
        }
        List<String> problems = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add(m.get("city.unknownKey", key, String.join(", ", KEYS.stream().sorted().toList())));
            }
        }
        String id = text(map.get("id"));
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(m.get("city.badId", String.valueOf(map.get("id"))));
        }
        Map<String, String> name = new LinkedHashMap<>();
        if (map.get("name") instanceof Map<?, ?> names) {
            names.forEach((k, v) -> name.put(String.valueOf(k), String.valueOf(v)));
        }
        if (!name.containsKey("zh-TW") || !name.containsKey("en")) {
            problems.add(m.get("city.badName"));
        }
        String host = text(map.get("host"));
        if (host == null || host.isBlank()) {
            problems.add(m.get("city.noHost"));
        }
        int port = port(map.get("port"), "port", problems, m);
        List<CityConfig.Member> members = new ArrayList<>();
        if (map.get("members") instanceof List<?> list && !list.isEmpty()) {
            Set<String> seen = new LinkedHashSet<>();
            for (Object o : list) {
                Matcher mm = MEMBER.matcher(String.valueOf(o));
                int p = mm.matches() ? Integer.parseInt(mm.group(2)) : -1;
                if (p < 1 || p > 65535) {
                    problems.add(m.get("city.badMember", String.valueOf(o)));
                } else if (!seen.add(mm.group(1) + ":" + p)) {
                    problems.add(m.get("city.duplicateMember", String.valueOf(o)));
                } else {
                    members.add(new CityConfig.Member(mm.group(1), p));
                }
            }
        } else {
            problems.add(m.get("city.noMembers"));
        }
        List<String> services = new ArrayList<>();
        Object cross = map.get("cross-district-services");
        if (cross instanceof List<?> list) {
            for (Object o : list) {
                String s = text(o);
                if (s == null || !ID.matcher(s).matches()) {
                    problems.add(m.get("city.badService", String.valueOf(o)));
                } else if (services.contains(s)) {
                    problems.add(m.get("city.duplicateService", s));
                } else {
                    services.add(s);
                }
            }
        } else if (cross != null) {
            problems.add(m.get("city.servicesNotList"));
        }
        int hintAfter = CityConfig.DEFAULT_HINT_AFTER_MINUTES;
        Object hint = map.get("hint-after-minutes");
        if (hint != null) {
            if (hint instanceof Integer h && h >= 1 && h <= 600) {
                hintAfter = h;
            } else {
                problems.add(m.get("city.badHintAfter", String.valueOf(hint)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(p -> new ConfigProblem(source, 0, p)).toList());
        }
        return new CityConfig(id, name, host, port, members, services, hintAfter);
    }

    private static int port(Object value, String key, List<String> problems, ConfigMessages m) {
        if (value instanceof Integer p && p >= 1 && p <= 65535) {
            return p;
        }
        problems.add(m.get("city.badPort", key, String.valueOf(value)));
        return 0;
    }

    private static String text(Object o) {
        return o instanceof String s ? s : null;
    }

    private static ConfigException problem(String source, String message) {
        return ConfigFiles.single(source, 0, message);
    }
}
