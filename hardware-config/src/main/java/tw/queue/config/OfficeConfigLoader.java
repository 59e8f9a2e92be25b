package tw.queue.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.nio.ByteBuffer;

/**
 * Reads an office YAML file, validates it completely and returns an immutable {@link OfficeConfig}.
 * On any problem it throws {@link ConfigException} listing every problem found, each with the line of the
 * offending YAML node. Messages are in Traditional Chinese or English, after {@link Locale#getDefault()} unless a
 * locale is given.
 *
 * <p>The format (keys in kebab-case; see {@code offices/xitun.yaml} for a full example):
 * <pre>
 * id: xitun
 * name: {zh-TW: ..., en: ...}
 * timezone: Asia/Taipei
 * hours: {monday: ["08:00-17:00"], wednesday: ["08:00-17:00", "17:00-20:00"]}   # absent days are closed
 * services:
 *   - {id: transcript, names: {zh-TW: ..., en: ...}, hints: {zh-TW: ..., en: ...}, numbers: 2001-2999,
 *      expected-minutes: 6, private: false, priority-eligible: true}
 * counters:
 *   - {number: 1, services: [transcript, registration], area: A}
 * devices:
 *   - {id: panel-1, type: panel, token-hash: (64 hex), counters: [1],
 *      serial: {port: /dev/ttyUSB0, baud: 9600, protocol: escpos}, pins: {call-next: 17, recall: 27}}
 * staff:
 *   - {username: manager1, role: manager, password-hash: "pbkdf2-sha256$310000$(salt)$(hash)"}
 * counter-rules: {call-next-guard-seconds: 10, no-show-after-seconds: 30}   # optional, these are the defaults
 * metrics: {token: (16+ characters), allow: [192.168.10.5]}   # optional; /metrics is open to loopback
 * backup: {dir: /var/backups/queue, every-hours: 24, keep-days: 14}   # optional, these are the defaults
 * privacy: {keep-days: 90}   # optional: rating comments and booking codes deleted after this
 * </pre>
 */
public final class OfficeConfigLoader {

    /** The classpath resource of the bundled sample office. */
    public static final String SAMPLE_RESOURCE = "/offices/xitun.yaml";

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .addModule(ScalarDeserializers.module())
            .build();

    private OfficeConfigLoader() {
    }

    /** Loads and validates an office file (UTF-8), with messages in the default locale. */
    public static OfficeConfig load(Path file) {
        return load(file, Locale.getDefault());
    }

    /** Loads and validates an office file (UTF-8), with messages in the given locale. */
    public static OfficeConfig load(Path file, Locale locale) {
        return parse(ConfigFiles.read(file, new ConfigMessages(locale)), file.toString(), locale);
    }

    /** The bundled sample office (Xitun District, Taichung), with messages in the default locale. */
    public static OfficeConfig loadBundledSample() {
        return loadBundledSample(Locale.getDefault());
    }

    /** The bundled sample office (Xitun District, Taichung), with messages in the given locale. */
    public static OfficeConfig loadBundledSample(Locale locale) {
        ConfigMessages messages = new ConfigMessages(locale);
        String source = "classpath:" + SAMPLE_RESOURCE;
        try (InputStream in = OfficeConfigLoader.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw single(source, messages.get("io.resourceMissing"));
            }
            return parse(ConfigFiles.decode(in.readAllBytes(), source, messages), source, locale);
        } catch (IOException e) {
            throw single(source, messages.get("io.cannotRead", e.getMessage()));
        }
    }

    /** Parses and validates YAML text; {@code sourceName} prefixes each problem. Messages in the default locale. */
    public static OfficeConfig parse(String yamlText, String sourceName) {
        return parse(yamlText, sourceName, Locale.getDefault());
    }

    /** Parses and validates YAML text; {@code sourceName} prefixes each problem. Messages in the given locale. */
    public static OfficeConfig parse(String yamlText, String sourceName, Locale locale) {
        ConfigMessages messages = new ConfigMessages(locale);
        String text = ConfigFiles.withoutBom(yamlText);
        List<Located> problems = new ArrayList<>();

        // 1. Compose the node tree: syntax errors, and the line of every node.
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported below, with both lines
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw single(sourceName, mark == null ? 0 : mark.getLine() + 1, messages.get("yaml.syntax", what));
        } catch (YAMLException e) {
            throw single(sourceName, messages.get("yaml.syntax", e.getMessage()));
        }
        if (root == null) {
            throw single(sourceName, 1, messages.get("yaml.empty"));
        }
        if (!(root instanceof MappingNode)) {
            throw single(sourceName, root.getStartMark().getLine() + 1, messages.get("yaml.notMapping"));
        }
        YamlLines lines = new YamlLines(root);
        for (YamlLines.DuplicateKey dup : lines.duplicateKeys()) {
            problems.add(new Located(dup.line(), messages.get("yaml.duplicateKey", dup.key(), dup.firstLine())));
        }

        // 2. Bind with Jackson, collecting unknown keys and mistyped values.
        BindingProblems binding = new BindingProblems(messages, lines);
        ConfigDto.Office dto = null;
        try {
            ObjectReader reader = MAPPER.readerFor(ConfigDto.Office.class).withHandler(binding);
            dto = reader.readValue(text);
        } catch (JsonMappingException e) {
            binding.add(e);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
            problems.add(new Located(line, messages.get("yaml.syntax", e.getOriginalMessage())));
        }
        for (BindingProblems.Found f : binding.found()) {
            problems.add(new Located(f.line() > 0 ? f.line() : lines.lineOf(f.path()), f.message()));
        }

        // 3. Validate what could be bound.
        if (dto != null) {
            for (ConfigValidator.Problem p : new ConfigValidator(messages, lines, binding.failedPaths()).validate(dto)) {
                problems.add(new Located(lines.lineOf(p.path()), p.message()));
            }
        }
        if (!problems.isEmpty() || dto == null) {
            if (problems.isEmpty()) {
                problems.add(new Located(1, messages.get("yaml.empty")));
            }
            throw new ConfigException(problems.stream()
                    .distinct()
                    .sorted(Comparator.comparingInt(Located::line))
                    .map(l -> new ConfigProblem(sourceName, l.line(), l.message()))
                    .toList());
        }
        return toConfig(dto);
    }

    private record Located(int line, String message) {
    }

    private static ConfigException single(String source, String message) {
        return single(source, 0, message);
    }

    private static ConfigException single(String source, int line, String message) {
        return ConfigFiles.single(source, line, message);
    }

    // --- conversion of a validated DTO ------------------------------------------------------------------------

    private static OfficeConfig toConfig(ConfigDto.Office o) {
        Map<DayOfWeek, List<OpeningHours.TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        o.hours.forEach((dayName, ranges) -> {
            List<OpeningHours.TimeRange> list = new ArrayList<>();
            if (ranges != null) {
                for (String r : ranges) {
                    int[] m = ConfigValidator.parseTimeRange(r);
                    list.add(new OpeningHours.TimeRange(LocalTime.of(m[0] / 60, m[0] % 60), LocalTime.of(m[1] / 60, m[1] % 60)));
                }
            }
            list.sort(Comparator.comparing(OpeningHours.TimeRange::from));
            days.put(ConfigValidator.dayOf(dayName), List.copyOf(list));
        });
        List<ServiceDef> services = o.services.stream().map(s -> new ServiceDef(
                s.id,
                text(s.names),
                s.hints == null ? new LocalizedText(Map.of()) : text(s.hints),
                numberRange(s.numbers),
                s.expectedMinutes,
                Boolean.TRUE.equals(s.privateService),
                s.priorityEligible == null || s.priorityEligible)).toList();
        List<CounterDef> counters = o.counters.stream()
                .map(c -> new CounterDef(c.number, c.services, c.area == null ? "" : c.area))
                .toList();
        List<DeviceDef> devices = o.devices == null ? List.of() : o.devices.stream()
                .map(OfficeConfigLoader::device).toList();
        List<StaffAccount> staff = o.staff == null ? List.of() : o.staff.stream().map(s -> new StaffAccount(
                s.username, ConfigValidator.staffRole(s.role), s.passwordHash)).toList();
        return new OfficeConfig(o.id, text(o.name), ZoneId.of(o.timezone.trim()), new OpeningHours(days),
                services, counters, devices, staff, counterRules(o.counterRules), operations(o));
    }

    private static OperationsConfig operations(ConfigDto.Office o) {
        OperationsConfig.Metrics metrics = o.metrics == null ? null : new OperationsConfig.Metrics(
                java.util.Optional.ofNullable(o.metrics.token).map(String::trim),
                o.metrics.allow == null ? List.of() : o.metrics.allow.stream().map(String::trim).toList());
        OperationsConfig.Backup backup = o.backup == null ? null : new OperationsConfig.Backup(
                java.util.Optional.ofNullable(o.backup.dir).map(d -> java.nio.file.Path.of(d.trim())),
                o.backup.everyHours != null ? o.backup.everyHours : OperationsConfig.Backup.DEFAULT_EVERY_HOURS,
                o.backup.keepDays != null ? o.backup.keepDays : OperationsConfig.Backup.DEFAULT_KEEP_DAYS);
        OperationsConfig.Privacy privacy = o.privacy == null || o.privacy.keepDays == null ? null
                : new OperationsConfig.Privacy(o.privacy.keepDays);
        return new OperationsConfig(metrics, backup, privacy);
    }

    private static CounterRules counterRules(ConfigDto.Rules r) {
        if (r == null) {
            return CounterRules.DEFAULT;
        }
        return new CounterRules(
                java.time.Duration.ofSeconds(r.callNextGuardSeconds != null ? r.callNextGuardSeconds
                        : CounterRules.DEFAULT_CALL_NEXT_GUARD_SECONDS),
                java.time.Duration.ofSeconds(r.noShowAfterSeconds != null ? r.noShowAfterSeconds
                        : CounterRules.DEFAULT_NO_SHOW_AFTER_SECONDS));
    }

    private static DeviceDef device(ConfigDto.Device d) {
        DeviceDef.DeviceType type = ConfigValidator.deviceType(d.type);
        DeviceDef.SerialPortDef serial = d.serial == null ? null : new DeviceDef.SerialPortDef(
                d.serial.port.trim(),
                d.serial.baud == null ? ConfigValidator.DEFAULT_BAUD : d.serial.baud,
                d.serial.protocol.trim(),
                d.serial.dataBits == null ? 8 : d.serial.dataBits,
                d.serial.parity == null ? DeviceDef.Parity.NONE : ConfigValidator.parity(d.serial.parity),
                d.serial.stopBits == null ? 1 : d.serial.stopBits);
        List<DeviceDef.ServiceButton> buttons = d.buttons == null ? List.of() : d.buttons.stream()
                .map(b -> new DeviceDef.ServiceButton(b.service, b.pin, b.led)).toList();
        DeviceDef.PrinterDef printer = d.printer == null ? null : new DeviceDef.PrinterDef(
                d.printer.encoding == null ? DeviceDef.TextEncoding.BIG5 : ConfigValidator.encoding(d.printer.encoding),
                d.printer.paperWidth == null ? 80 : d.printer.paperWidth,
                d.printer.publicUrl == null ? null : d.printer.publicUrl.trim());
        List<DeviceDef.CounterPanel> panels = d.panels == null ? List.of() : d.panels.stream().map(p -> {
            Map<DeviceDef.PanelButton, Integer> keys = new EnumMap<>(DeviceDef.PanelButton.class);
            putIfSet(keys, DeviceDef.PanelButton.CALL_NEXT, p.callNext);
            putIfSet(keys, DeviceDef.PanelButton.RECALL, p.recall);
            putIfSet(keys, DeviceDef.PanelButton.FINISH, p.finish);
            putIfSet(keys, DeviceDef.PanelButton.NO_SHOW, p.noShow);
            putIfSet(keys, DeviceDef.PanelButton.PAUSE, p.pause);
            Map<DeviceDef.Rating, Integer> ratings = new EnumMap<>(DeviceDef.Rating.class);
            putIfSet(ratings, DeviceDef.Rating.SATISFIED, p.satisfied);
            putIfSet(ratings, DeviceDef.Rating.NEUTRAL, p.neutral);
            putIfSet(ratings, DeviceDef.Rating.DISSATISFIED, p.dissatisfied);
            return new DeviceDef.CounterPanel(p.counter, keys, p.busyLed, ratings,
                    p.displayAddress == null ? p.counter : p.displayAddress);
        }).toList();
        DeviceDef.DisplayDef display = d.display == null ? null : new DeviceDef.DisplayDef(
                d.display.function == null ? DeviceDef.DisplayDef.DEFAULT.function() : d.display.function,
                d.display.timeoutMs == null ? DeviceDef.DisplayDef.DEFAULT.timeoutMillis() : d.display.timeoutMs);
        return new DeviceDef(d.id, type, d.tokenHash, d.counters, serial, d.pins,
                d.hub == null ? null : d.hub.trim(), buttons, d.helpBell, printer, panels, display,
                BoardLayoutCheck.toLayout(d.board));
    }

    private static <K> void putIfSet(Map<K, Integer> map, K key, Integer pin) {
        if (pin != null) {
            map.put(key, pin);
        }
    }

    private static LocalizedText text(Map<String, String> texts) {
        Map<String, String> clean = new LinkedHashMap<>();
        texts.forEach((language, value) -> {
            if (language != null && value != null && !value.isBlank()) {
                clean.put(language, value.strip());
            }
        });
        return new LocalizedText(clean);
    }

    private static NumberRange numberRange(String text) {
        String[] parts = text.split("-");
        return new NumberRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }
}
