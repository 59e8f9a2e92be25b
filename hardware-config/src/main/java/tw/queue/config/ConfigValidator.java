package tw.queue.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a bound {@link ConfigDto.Office} and reports every problem by YAML path. It never stops at the first
 * problem, and it stays quiet about values the binder already reported as mistyped.
 */
final class ConfigValidator {

    /** A problem at a YAML path (see {@link YamlLines}). */
    record Problem(String path, String message) {
    }

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
    static final Pattern TIME_RANGE = Pattern.compile("\\s*(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*");
    static final Pattern NUMBER_RANGE = Pattern.compile("\\s*(\\d{1,9})\\s*-\\s*(\\d{1,9})\\s*");
    static final Pattern DIGIT_RANGE = Pattern.compile("\\s*(\\d{4})\\s*-\\s*(\\d{4})\\s*");
    static final Pattern TOKEN_HASH = Pattern.compile("[0-9a-f]{64}");
    static final Pattern PASSWORD_HASH = Pattern.compile(
            "pbkdf2-sha256\\$([1-9][0-9]{0,8})\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");
    static final int MIN_PIN = 0;
    static final int MAX_PIN = 27;
    static final int DEFAULT_BAUD = 9600;
    static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s/?#]+(:\\d+)?(/[^\\s]*)?");
    static final String ZH_TW = "zh-TW";
    static final String EN = "en";

    private final ConfigMessages messages;
    private final YamlLines lines;
    private final Set<String> failedPaths;
    private final List<Problem> problems = new ArrayList<>();

    ConfigValidator(ConfigMessages messages, YamlLines lines, Set<String> failedPaths) {
        this.messages = messages;
        this.lines = lines;
        this.failedPaths = failedPaths;
    }

    List<Problem> validate(ConfigDto.Office office) {
        String ctx = messages.get("ctx.office");
        if (required(office.id, "", "id", ctx) && !ID.matcher(office.id).matches()) {
            report("id", "office.badId", office.id);
        }
        if (required(office.name, "", "name", ctx)) {
            checkText(office.name, "name", ctx);
        }
        if (required(office.timezone, "", "timezone", ctx)) {
            checkTimezone(office.timezone);
        }
        if (required(office.hours, "", "hours", ctx)) {
            checkHours(office.hours);
        }
        Set<String> serviceIds = checkServices(office);
        Set<Integer> counterNumbers = checkCounters(office, serviceIds);
        checkDevices(office, serviceIds, counterNumbers);
        checkStaff(office);
        checkCounterRules(office.counterRules);
        checkOperations(office);
        return problems;
    }

    // --- office ---------------------------------------------------------------------------------------------

    private void checkTimezone(String timezone) {
        try {
            ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            report("timezone", "timezone.unknown", timezone);
        }
    }

    private void checkHours(Map<String, List<String>> hours) {
        Map<DayOfWeek, String> seenDays = new HashMap<>();
        for (var entry : hours.entrySet()) {
            String dayPath = "hours." + entry.getKey();
            DayOfWeek day = dayOf(entry.getKey());
            if (day == null) {
                report(dayPath, "hours.unknownDay", entry.getKey());
                continue;
            }
            String first = seenDays.putIfAbsent(day, entry.getKey());
            if (first != null) {
                report(dayPath, "hours.duplicateDay", entry.getKey(), first);
                continue;
            }
            List<String> ranges = entry.getValue() == null ? List.of() : entry.getValue();
            record Parsed(int index, String text, int from, int to) {
            }
            List<Parsed> parsed = new ArrayList<>();
            for (int i = 0; i < ranges.size(); i++) {
                String rangePath = YamlLines.index(dayPath, i);
                String text = ranges.get(i);
                if (text == null) {
                    reportEmptyEntry(rangePath, dayPath);
                    continue;
                }
                int[] minutes = parseTimeRange(text);
                if (minutes == null) {
                    report(rangePath, "hours.badRange", text, entry.getKey());
                } else if (minutes[0] >= minutes[1]) {
                    report(rangePath, "hours.emptyRange", text.trim(), entry.getKey());
                } else {
                    parsed.add(new Parsed(i, text.trim(), minutes[0], minutes[1]));
                }
            }
            parsed.sort(Comparator.comparingInt(Parsed::from));
            for (int i = 1; i < parsed.size(); i++) {
                Parsed before = parsed.get(i - 1);
                Parsed after = parsed.get(i);
                if (after.from() < before.to()) {
                    Parsed later = after.index() > before.index() ? after : before;
                    Parsed other = later == after ? before : after;
                    report(YamlLines.index(dayPath, later.index()), "hours.overlap",
                            other.text(), later.text(), entry.getKey());
                }
            }
        }
    }

    static DayOfWeek dayOf(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return day;
            }
        }
        return null;
    }

    /** Minutes since midnight of from and to, or null if not "HH:MM-HH:MM" with valid times. */
    static int[] parseTimeRange(String text) {
        Matcher m = TIME_RANGE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int fromHour = Integer.parseInt(m.group(1));
        int fromMinute = Integer.parseInt(m.group(2));
        int toHour = Integer.parseInt(m.group(3));
        int toMinute = Integer.parseInt(m.group(4));
        if (fromHour > 23 || toHour > 23 || fromMinute > 59 || toMinute > 59) {
            return null;
        }
        return new int[] {fromHour * 60 + fromMinute, toHour * 60 + toMinute};
    }

    // --- services -------------------------------------------------------------------------------------------

    private Set<String> checkServices(ConfigDto.Office office) {
        Set<String> ids = new HashSet<>();
        if (!required(office.services, "", "services", messages.get("ctx.office"))) {
            return ids;
        }
        if (office.services.isEmpty()) {
            report("services", "services.none");
            return ids;
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        record Range(String serviceId, NumberRange range) {
        }
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < office.services.size(); i++) {
            ConfigDto.Service s = office.services.get(i);
            String path = YamlLines.index("services", i);
            if (s == null) {
                reportEmptyEntry(path, "services");
                continue;
            }
            String label = s.id != null ? s.id : "#" + (i + 1);
            String ctx = s.id != null ? messages.get("ctx.service", s.id) : messages.get("ctx.serviceNo", i + 1);
            if (required(s.id, path, "id", ctx)) {
                if (!ID.matcher(s.id).matches()) {
                    report(path + ".id", "service.badId", s.id);
                }
                Integer first = firstIndex.putIfAbsent(s.id, i);
                if (first != null) {
                    report(path + ".id", "service.duplicateId", s.id,
                            lines.lineOf(YamlLines.index("services", first) + ".id"));
                } else {
                    ids.add(s.id);
                }
            }
            if (required(s.names, path, "names", ctx)) {
                checkText(s.names, path + ".names", ctx);
            }
            if (s.hints != null) {
                checkText(s.hints, path + ".hints", ctx);
            }
            if (required(s.numbers, path, "numbers", ctx)) {
                NumberRange range = checkNumberRange(s.numbers, path + ".numbers", label);
                if (range != null) {
                    for (Range earlier : ranges) {
                        if (earlier.range().overlaps(range)) {
                            report(path + ".numbers", "service.rangeOverlap", range, label,
                                    earlier.serviceId(), earlier.range());
                        }
                    }
                    ranges.add(new Range(label, range));
                }
            }
            if (required(s.expectedMinutes, path, "expected-minutes", ctx)
                    && !(s.expectedMinutes > 0 && !s.expectedMinutes.isInfinite())) {
                report(path + ".expected-minutes", "service.badMinutes", label, plain(s.expectedMinutes));
            }
        }
        return ids;
    }

    private NumberRange checkNumberRange(String text, String path, String serviceLabel) {
        Matcher m = NUMBER_RANGE.matcher(text);
        if (!m.matches()) {
            report(path, "service.badRange", text, serviceLabel);
            return null;
        }
        NumberRange range = new NumberRange(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        if (!DIGIT_RANGE.matcher(text).matches() || range.first() < 1000 || range.last() < 1000) {
            report(path, "service.rangeDigits", text.trim(), serviceLabel);
            return null;
        }
        if (range.first() > range.last()) {
            report(path, "service.rangeReversed", range, serviceLabel);
            return null;
        }
        return range;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    // --- counters -------------------------------------------------------------------------------------------

    private Set<Integer> checkCounters(ConfigDto.Office office, Set<String> serviceIds) {
        Set<Integer> numbers = new HashSet<>();
        Set<String> served = new HashSet<>();
        if (required(office.counters, "", "counters", messages.get("ctx.office"))) {
            if (office.counters.isEmpty()) {
                report("counters", "counters.none");
            }
            Map<Integer, Integer> firstIndex = new HashMap<>();
            for (int i = 0; i < office.counters.size(); i++) {
                ConfigDto.Counter c = office.counters.get(i);
                String path = YamlLines.index("counters", i);
                if (c == null) {
                    reportEmptyEntry(path, "counters");
                    continue;
                }
                String label = c.number != null ? String.valueOf(c.number) : "#" + (i + 1);
                String ctx = c.number != null ? messages.get("ctx.counter", c.number)
                        : messages.get("ctx.counterNo", i + 1);
                if (required(c.number, path, "number", ctx)) {
                    if (c.number < 1) {
                        report(path + ".number", "counter.badNumber", c.number);
                    } else {
                        Integer first = firstIndex.putIfAbsent(c.number, i);
                        if (first != null) {
                            report(path + ".number", "counter.duplicate", c.number,
                                    lines.lineOf(YamlLines.index("counters", first) + ".number"));
                        } else {
                            numbers.add(c.number);
                        }
                    }
                }
                if (required(c.services, path, "services", ctx)) {
                    if (c.services.isEmpty()) {
                        report(path + ".services", "counter.noServices", label);
                    }
                    Set<String> listed = new HashSet<>();
                    for (int j = 0; j < c.services.size(); j++) {
                        String serviceId = c.services.get(j);
                        String itemPath = YamlLines.index(path + ".services", j);
                        if (serviceId == null) {
                            reportEmptyEntry(itemPath, path + ".services");
                        } else if (!listed.add(serviceId)) {
                            report(itemPath, "counter.duplicateService", label, serviceId);
                        } else if (!serviceIds.contains(serviceId)) {
                            String suggestion = Suggest.closest(serviceId, serviceIds);
                            if (suggestion != null) {
                                report(itemPath, "counter.unknownService.suggest", label, serviceId, suggestion);
                            } else {
                                report(itemPath, "counter.unknownService", label, serviceId);
                            }
                        } else {
                            served.add(serviceId);
                        }
                    }
                }
            }
        }
        if (office.services != null && office.counters != null && !office.counters.isEmpty()) {
            Set<String> reported = new HashSet<>();
            for (int i = 0; i < office.services.size(); i++) {
                ConfigDto.Service s = office.services.get(i);
                if (s != null && serviceIds.contains(s.id) && !served.contains(s.id) && reported.add(s.id)) {
                    report(YamlLines.index("services", i) + ".id", "service.noCounter", s.id);
                }
            }
        }
        return numbers;
    }

    // --- devices --------------------------------------------------------------------------------------------

    private void checkDevices(ConfigDto.Office office, Set<String> serviceIds, Set<Integer> counterNumbers) {
        if (office.devices == null) {
            return;
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < office.devices.size(); i++) {
            ConfigDto.Device d = office.devices.get(i);
            String path = YamlLines.index("devices", i);
            if (d == null) {
                reportEmptyEntry(path, "devices");
                continue;
            }
            String label = d.id != null ? d.id : "#" + (i + 1);
            String ctx = d.id != null ? messages.get("ctx.device", d.id) : messages.get("ctx.deviceNo", i + 1);
            if (required(d.id, path, "id", ctx)) {
                if (!ID.matcher(d.id).matches()) {
                    report(path + ".id", "device.badId", d.id);
                }
                Integer first = firstIndex.putIfAbsent(d.id, i);
                if (first != null) {
                    report(path + ".id", "device.duplicateId", d.id,
                            lines.lineOf(YamlLines.index("devices", first) + ".id"));
                }
            }
            DeviceDef.DeviceType type = null;
            if (required(d.type, path, "type", ctx)) {
                type = deviceType(d.type);
                if (type == null) {
                    report(path + ".type", "device.badType", label, d.type);
                }
            }
            if (required(d.tokenHash, path, "token-hash", ctx) && !TOKEN_HASH.matcher(d.tokenHash).matches()) {
                report(path + ".token-hash", "device.badTokenHash", label);
            }
            checkDeviceCounters(d, type, path, label, counterNumbers);
            if (d.serial != null) {
                checkSerial(d.serial, path + ".serial", label);
            }
            Map<Integer, String> usedPins = new HashMap<>();
            if (d.pins != null) {
                checkPins(d.pins, path + ".pins", label, usedPins);
            }
            checkWiring(d, type, path, label, serviceIds, usedPins);
            if (d.board != null) {
                if (type != null && type != DeviceDef.DeviceType.BOARD) {
                    report(path + ".board", "board.notABoard", label, type.name().toLowerCase(Locale.ROOT));
                } else {
                    BoardLayoutCheck.check(d.board, path + ".board", label, counterNumbers, serviceIds, failedPaths,
                            this::report);
                }
            }
        }
    }

    /** The typed wiring: a kiosk's buttons, bell and printer; a panel's counters and displays; the hub address. */
    private void checkWiring(ConfigDto.Device d, DeviceDef.DeviceType type, String path, String label,
                             Set<String> serviceIds, Map<Integer, String> usedPins) {
        if (d.hub != null && !HTTP_URL.matcher(d.hub.trim()).matches()) {
            report(path + ".hub", "device.badHubUrl", label, d.hub);
        }
        String kind = type == null ? "?" : type.name().toLowerCase(Locale.ROOT);
        if (type != null && type != DeviceDef.DeviceType.KIOSK) {
            for (String key : new String[] {"buttons", "help-bell", "printer"}) {
                Object value = switch (key) {
                    case "buttons" -> d.buttons;
                    case "help-bell" -> d.helpBell;
                    default -> d.printer;
                };
                if (value != null) {
                    report(path + "." + key, "device.onlyKiosk", label, kind, key);
                }
            }
        }
        if (type != null && type != DeviceDef.DeviceType.PANEL) {
            if (d.panels != null) {
                report(path + ".panels", "device.onlyPanel", label, kind, "panels");
            }
            if (d.display != null) {
                report(path + ".display", "device.onlyPanel", label, kind, "display");
            }
        }
        if (d.buttons != null) {
            Set<String> services = new HashSet<>();
            for (int j = 0; j < d.buttons.size(); j++) {
                ConfigDto.Button b = d.buttons.get(j);
                String bPath = YamlLines.index(path + ".buttons", j);
                if (b == null) {
                    reportEmptyEntry(bPath, path + ".buttons");
                    continue;
                }
                String ctx = messages.get("ctx.button", label, j + 1);
                if (required(b.service, bPath, "service", ctx)) {
                    if (!serviceIds.contains(b.service)) {
                        report(bPath + ".service", "button.unknownService", label, b.service);
                    } else if (!services.add(b.service)) {
                        report(bPath + ".service", "button.duplicateService", label, b.service);
                    }
                }
                if (required(b.pin, bPath, "pin", ctx)) {
                    pin(bPath + ".pin", b.pin, "button " + b.service, label, usedPins);
                }
                if (b.led != null) {
                    pin(bPath + ".led", b.led, "led " + b.service, label, usedPins);
                }
            }
        }
        if (d.helpBell != null) {
            pin(path + ".help-bell", d.helpBell, "help-bell", label, usedPins);
        }
        if (d.printer != null) {
            ConfigDto.Printer p = d.printer;
            if (p.encoding != null && encoding(p.encoding) == null) {
                report(path + ".printer.encoding", "printer.badEncoding", label, p.encoding);
            }
            if (p.paperWidth != null && p.paperWidth != 58 && p.paperWidth != 80) {
                report(path + ".printer.paper-width", "printer.badPaperWidth", label, p.paperWidth);
            }
            if (p.publicUrl != null && !HTTP_URL.matcher(p.publicUrl.trim()).matches()) {
                report(path + ".printer.public-url", "printer.badPublicUrl", label, p.publicUrl);
            }
        }
        if (d.panels != null) {
            Set<Integer> listed = new HashSet<>(d.counters == null ? List.of() : d.counters);
            Map<Integer, Integer> addresses = new HashMap<>();
            Set<Integer> wired = new HashSet<>();
            for (int j = 0; j < d.panels.size(); j++) {
                ConfigDto.Panel p = d.panels.get(j);
                String pPath = YamlLines.index(path + ".panels", j);
                if (p == null) {
                    reportEmptyEntry(pPath, path + ".panels");
                    continue;
                }
                String ctx = messages.get("ctx.panel", label, j + 1);
                if (required(p.counter, pPath, "counter", ctx)) {
                    if (!listed.contains(p.counter)) {
                        report(pPath + ".counter", "panel.counterNotListed", label, p.counter);
                    } else if (!wired.add(p.counter)) {
                        report(pPath + ".counter", "panel.counterTwice", label, p.counter);
                    }
                }
                if (required(p.callNext, pPath, "call-next", ctx)) {
                    pin(pPath + ".call-next", p.callNext, "call-next", label, usedPins);
                }
                String[] keys = {"recall", "finish", "no-show", "pause", "busy-led", "satisfied", "neutral", "dissatisfied"};
                Integer[] pins = {p.recall, p.finish, p.noShow, p.pause, p.busyLed, p.satisfied, p.neutral, p.dissatisfied};
                for (int k = 0; k < keys.length; k++) {
                    if (pins[k] != null) {
                        pin(pPath + "." + keys[k], pins[k], keys[k], label, usedPins);
                    }
                }
                int rated = (p.satisfied != null ? 1 : 0) + (p.neutral != null ? 1 : 0) + (p.dissatisfied != null ? 1 : 0);
                if (rated != 0 && rated != 3) {
                    report(pPath, "panel.partialRating", label, p.counter);
                }
                Integer address = p.displayAddress != null ? p.displayAddress : p.counter;
                if (address != null) {
                    if (address < 1 || address > 247) {
                        report(p.displayAddress != null ? pPath + ".display-address" : pPath + ".counter",
                                "panel.badAddress", label, address);
                    } else if (addresses.putIfAbsent(address, j) != null) {
                        report(p.displayAddress != null ? pPath + ".display-address" : pPath + ".counter",
                                "panel.addressTwice", label, address);
                    }
                }
            }
        }
        if (d.display != null) {
            if (d.display.function != null && d.display.function != 6 && d.display.function != 16) {
                report(path + ".display.function", "display.badFunction", label, d.display.function);
            }
            if (d.display.timeoutMs != null && (d.display.timeoutMs < 10 || d.display.timeoutMs > 10_000)) {
                report(path + ".display.timeout-ms", "display.badTimeout", label, d.display.timeoutMs);
            }
        }
    }

    private void pin(String path, int pin, String function, String deviceLabel, Map<Integer, String> usedPins) {
        if (pin < MIN_PIN || pin > MAX_PIN) {
            report(path, "device.pinRange", pin, function, deviceLabel);
        } else if (usedPins.putIfAbsent(pin, function) != null) {
            report(path, "device.pinTwice", pin, deviceLabel);
        }
    }

    static DeviceDef.TextEncoding encoding(String text) {
        for (DeviceDef.TextEncoding e : DeviceDef.TextEncoding.values()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        return null;
    }

    static DeviceDef.Parity parity(String text) {
        for (DeviceDef.Parity p : DeviceDef.Parity.values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        return null;
    }

    private void checkDeviceCounters(ConfigDto.Device d, DeviceDef.DeviceType type, String path, String label,
                                     Set<Integer> counterNumbers) {
        List<Integer> counters = d.counters == null ? List.of() : d.counters;
        String countersPath = path + ".counters";
        if (type == DeviceDef.DeviceType.PANEL) {
            if (counters.isEmpty() && !failedPaths.contains(countersPath)) {
                report(countersPath, "panel.noCounters", label);
            }
            Set<Integer> listed = new HashSet<>();
            for (int j = 0; j < counters.size(); j++) {
                Integer number = counters.get(j);
                String itemPath = YamlLines.index(countersPath, j);
                if (number == null) {
                    reportEmptyEntry(itemPath, countersPath);
                } else if (!listed.add(number)) {
                    report(itemPath, "device.duplicateCounter", label, number);
                } else if (!counterNumbers.contains(number)) {
                    report(itemPath, "device.unknownCounter", label, number);
                }
            }
        } else if (type != null && !counters.isEmpty()) {
            report(countersPath, "device.countersNotAllowed", label, type.name().toLowerCase(Locale.ROOT));
        }
    }

    static DeviceDef.DeviceType deviceType(String text) {
        for (DeviceDef.DeviceType t : DeviceDef.DeviceType.values()) {
            if (t.name().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        return null;
    }

    private void checkSerial(ConfigDto.Serial serial, String path, String deviceLabel) {
        String ctx = messages.get("ctx.serial", deviceLabel);
        if (required(serial.port, path, "port", ctx) && serial.port.isBlank()) {
            report(path + ".port", "serial.emptyPort", deviceLabel);
        }
        if (serial.baud != null && serial.baud <= 0) {
            report(path + ".baud", "serial.badBaud", deviceLabel, serial.baud);
        }
        if (serial.dataBits != null && serial.dataBits != 7 && serial.dataBits != 8) {
            report(path + ".data-bits", "serial.badDataBits", deviceLabel, serial.dataBits);
        }
        if (serial.parity != null && parity(serial.parity) == null) {
            report(path + ".parity", "serial.badParity", deviceLabel, serial.parity);
        }
        if (serial.stopBits != null && serial.stopBits != 1 && serial.stopBits != 2) {
            report(path + ".stop-bits", "serial.badStopBits", deviceLabel, serial.stopBits);
        }
        if (required(serial.protocol, path, "protocol", ctx) && serial.protocol.isBlank()) {
            report(path + ".protocol", "serial.emptyProtocol", deviceLabel);
        }
    }

    private void checkPins(Map<String, Integer> pins, String path, String deviceLabel, Map<Integer, String> usedBy) {
        for (var entry : pins.entrySet()) {
            String pinPath = path + "." + entry.getKey();
            Integer pin = entry.getValue();
            if (pin == null) {
                if (!failedPaths.contains(pinPath)) {
                    report(pinPath, "device.pinMissing", entry.getKey(), deviceLabel);
                }
            } else if (pin < MIN_PIN || pin > MAX_PIN) {
                report(pinPath, "device.pinRange", pin, entry.getKey(), deviceLabel);
            } else if (usedBy.putIfAbsent(pin, entry.getKey()) != null) {
                report(pinPath, "device.pinTwice", pin, deviceLabel);
            }
        }
    }

    // --- staff ----------------------------------------------------------------------------------------------

    private void checkStaff(ConfigDto.Office office) {
        if (office.staff == null) {
            return;
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < office.staff.size(); i++) {
            ConfigDto.Staff s = office.staff.get(i);
            String path = YamlLines.index("staff", i);
            if (s == null) {
                reportEmptyEntry(path, "staff");
                continue;
            }
            String label = s.username != null ? s.username : "#" + (i + 1);
            String ctx = s.username != null ? messages.get("ctx.staff", s.username)
                    : messages.get("ctx.staffNo", i + 1);
            if (required(s.username, path, "username", ctx)) {
                if (s.username.isBlank() || !s.username.strip().equals(s.username)) {
                    report(path + ".username", "staff.badUsername", s.username);
                }
                Integer first = firstIndex.putIfAbsent(s.username.toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    report(path + ".username", "staff.duplicate", s.username,
                            lines.lineOf(YamlLines.index("staff", first) + ".username"));
                }
            }
            if (required(s.role, path, "role", ctx) && staffRole(s.role) == null) {
                report(path + ".role", "staff.badRole", label, s.role);
            }
            if (required(s.passwordHash, path, "password-hash", ctx) && !validPasswordHash(s.passwordHash)) {
                report(path + ".password-hash", "staff.badPasswordHash", label);
            }
        }
    }

    static StaffAccount.StaffRole staffRole(String text) {
        for (StaffAccount.StaffRole r : StaffAccount.StaffRole.values()) {
            if (r.name().equalsIgnoreCase(text.trim())) {
                return r;
            }
        }
        return null;
    }

    static boolean validPasswordHash(String text) {
        Matcher m = PASSWORD_HASH.matcher(text);
        if (!m.matches()) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(m.group(2)).length > 0 && Base64.getDecoder().decode(m.group(3)).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private void checkText(Map<String, String> texts, String path, String ctx) {
        for (String language : List.of(ZH_TW, EN)) {
            String text = texts.get(language);
            if ((text == null || text.isBlank()) && !failedPaths.contains(path + "." + language)) {
                report(path, "text.missingLanguage", ctx, BindingProblems.lastKey(path), language);
            }
        }
    }

    /** Reports a missing key unless the binder already reported a wrong value there; true if the value is present. */
    // --- counter rules ----------------------------------------------------------------------------------------

    private void checkCounterRules(ConfigDto.Rules rules) {
        if (rules == null) {
            return;
        }
        checkSeconds(rules.callNextGuardSeconds, "counter-rules.call-next-guard-seconds");
        checkSeconds(rules.noShowAfterSeconds, "counter-rules.no-show-after-seconds");
    }

    // --- operations: metrics access, backups, privacy -----------------------------------------------------------

    private void checkOperations(ConfigDto.Office office) {
        if (office.metrics != null) {
            String token = office.metrics.token;
            if (token != null && token.trim().length() < OperationsConfig.Metrics.MIN_TOKEN_LENGTH) {
                report("metrics.token", "metrics.shortToken", OperationsConfig.Metrics.MIN_TOKEN_LENGTH);
            }
            List<String> allow = office.metrics.allow == null ? List.of() : office.metrics.allow;
            for (int i = 0; i < allow.size(); i++) {
                String a = allow.get(i);
                if (a == null || !ipLiteral(a.trim())) {
                    report("metrics.allow[" + i + "]", "metrics.badAddress", String.valueOf(a));
                }
            }
        }
        if (office.backup != null) {
            checkRange(office.backup.everyHours, "backup.every-hours", 1, OperationsConfig.Backup.MAX_EVERY_HOURS);
            checkRange(office.backup.keepDays, "backup.keep-days", 1, 3660);
            if (office.backup.dir != null && office.backup.dir.isBlank()) {
                report("backup.dir", "backup.blankDir");
            }
        }
        if (office.privacy != null) {
            checkRange(office.privacy.keepDays, "privacy.keep-days", 1, 3660);
        }
    }

    private void checkRange(Integer value, String path, int min, int max) {
        if (value != null && (value < min || value > max)) {
            report(path, "ops.range", path, min, max, value);
        }
    }

    /** An IPv4 or IPv6 address written out (no host name: that would need a DNS lookup at every scrape). */
    static boolean ipLiteral(String a) {
        if (a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : a.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (a.contains(":") && a.matches("[0-9A-Fa-f:.]+")) {
            try {
                java.net.InetAddress.getByName(a);
                return true;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private void checkSeconds(Integer seconds, String path) {
        if (seconds != null && (seconds < 0 || seconds > CounterRules.MAX_SECONDS)) {
            report(path, "rules.badSeconds", BindingProblems.lastKey(path), seconds, CounterRules.MAX_SECONDS);
        }
    }

    private boolean required(Object value, String parentPath, String key, String ctx) {
        if (value != null) {
            return true;
        }
        String path = YamlLines.child(parentPath, key);
        if (!failedPaths.contains(path)) {
            report(path, "required", ctx, key);
        }
        return false;
    }

    private void reportEmptyEntry(String path, String listPath) {
        if (!failedPaths.contains(path) && !failedPaths.contains(listPath)) {
            report(path, "emptyEntry", BindingProblems.lastKey(listPath));
        }
    }

    private void report(String path, String key, Object... args) {
        problems.add(new Problem(path, messages.get(key, args)));
    }
}
