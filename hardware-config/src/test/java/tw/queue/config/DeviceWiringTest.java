package tw.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.queue.config.TestOffices.assertOnlyProblemAt;
import static tw.queue.config.TestOffices.problems;
import static tw.queue.config.TestOffices.rule;
import static tw.queue.config.TestOffices.with;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The installer wires a push-button kiosk and a two-counter panel; mistakes are reported at their line. */
class DeviceWiringTest {

    /** VALID with kiosk-1 (the one device with a serial line) and panel-1 fully wired. */
    static final String WIRED = TestOffices.VALID.replace("""
                serial: {port: /dev/ttyUSB0, baud: 9600, protocol: escpos}
            """, """
                hub: http://10.0.0.2:8080
                serial: {port: /dev/ttyUSB0, baud: 19200, protocol: escpos}
                buttons:
                  - {service: transcript, pin: 4, led: 23}
                  - {service: passport, pin: 17}
                help-bell: 18
                printer: {encoding: gb18030, paper-width: 58, public-url: "https://queue.example.tw"}
            """).replace("""
                counters: [1, 2]
                pins: {call-next: 17, recall: 27}
            """, """
                counters: [1, 2]
                pins: {call-next: 17, recall: 27}
                serial: {port: /dev/ttyAMA0, protocol: modbus-rtu, parity: even}
                display: {function: 6, timeout-ms: 150}
                panels:
                  - counter: 1
                    call-next: 5
                    recall: 6
                    finish: 13
                    no-show: 19
                    pause: 26
                    busy-led: 21
                    satisfied: 12
                    neutral: 16
                    dissatisfied: 20
                  - counter: 2
                    call-next: 2
                    display-address: 9
            """);

    @Test
    void aWiredKioskAndPanelLoadWithTheirSettingsAndDefaults() {
        assertThat(WIRED).contains("help-bell: 18").contains("display-address: 9");
        OfficeConfig office = OfficeConfigLoader.parse(WIRED, "test.yaml", Locale.ENGLISH);

        DeviceDef kiosk = office.devices().get(0);
        assertThat(kiosk.hub()).isEqualTo("http://10.0.0.2:8080");
        assertThat(kiosk.serial()).isEqualTo(new DeviceDef.SerialPortDef("/dev/ttyUSB0", 19200, "escpos",
                8, DeviceDef.Parity.NONE, 1));
        assertThat(kiosk.buttons()).containsExactly(
                new DeviceDef.ServiceButton("transcript", 4, 23), new DeviceDef.ServiceButton("passport", 17, null));
        assertThat(kiosk.helpBellPin()).isEqualTo(18);
        assertThat(kiosk.printer()).isEqualTo(new DeviceDef.PrinterDef(DeviceDef.TextEncoding.GB18030, 58,
                "https://queue.example.tw"));

        DeviceDef panel = office.devices().get(2);
        assertThat(panel.serial()).as("baud defaults to 9600, 8 data bits, 1 stop bit")
                .isEqualTo(new DeviceDef.SerialPortDef("/dev/ttyAMA0", 9600, "modbus-rtu", 8, DeviceDef.Parity.EVEN, 1));
        assertThat(panel.display()).isEqualTo(new DeviceDef.DisplayDef(6, 150));
        DeviceDef.CounterPanel one = panel.panel(1).orElseThrow();
        assertThat(one.buttons()).containsEntry(DeviceDef.PanelButton.CALL_NEXT, 5)
                .containsEntry(DeviceDef.PanelButton.NO_SHOW, 19).hasSize(5);
        assertThat(one.busyLedPin()).isEqualTo(21);
        assertThat(one.ratingPins()).isEqualTo(Map.of(DeviceDef.Rating.SATISFIED, 12, DeviceDef.Rating.NEUTRAL, 16,
                DeviceDef.Rating.DISSATISFIED, 20));
        assertThat(one.displayAddress()).as("the display address defaults to the counter number").isEqualTo(1);
        assertThat(panel.panel(2).orElseThrow().displayAddress()).isEqualTo(9);
        assertThat(panel.panel(2).orElseThrow().ratingPins()).isEmpty();
    }

    @Test
    void unwiredDevicesGetDefaultPrinterAndDisplay() {
        OfficeConfig office = OfficeConfigLoader.parse(TestOffices.VALID, "test.yaml", Locale.ENGLISH);
        assertThat(office.devices().get(0).printer()).isEqualTo(DeviceDef.PrinterDef.DEFAULT);
        assertThat(office.devices().get(0).printer().encoding()).isEqualTo(DeviceDef.TextEncoding.BIG5);
        assertThat(office.devices().get(2).display()).isEqualTo(new DeviceDef.DisplayDef(16, 300));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                rule("hub: http://10.0.0.2:8080", "hub: 10.0.0.2", "hub: 10.0.0.2",
                        "the hub address of device 'kiosk-1' must look like http://10.0.0.2:8080, not '10.0.0.2'"),
                rule("service: passport, pin: 17", "service: pasport, pin: 17", "pasport",
                        "a button of device 'kiosk-1' takes numbers for 'pasport', which is not a service"),
                rule("service: passport, pin: 17", "service: transcript, pin: 3", "transcript, pin: 3",
                        "device 'kiosk-1' has two buttons for 'transcript'"),
                rule("service: passport, pin: 17", "service: passport, pin: 23", "passport, pin: 23",
                        "pin 23 used twice on device kiosk-1"),
                rule("{service: passport, pin: 17}", "{service: passport}", "{service: passport}",
                        "button #2 of device 'kiosk-1' is missing required key 'pin' (or it has no value)"),
                rule("help-bell: 18", "help-bell: 40", "help-bell: 40",
                        "pin 40 (help-bell) on device kiosk-1 is outside 0-27"),
                rule("encoding: gb18030", "encoding: utf8", "encoding: utf8",
                        "the printer encoding of device 'kiosk-1' must be big5, gb18030 or raster, not 'utf8'"),
                rule("paper-width: 58", "paper-width: 60", "paper-width: 60",
                        "the paper width of device 'kiosk-1' must be 58 or 80 (mm), not 60"),
                rule("public-url: \"https://queue.example.tw\"", "public-url: queue.example.tw", "public-url: queue",
                        "the public address of device 'kiosk-1' must look like https://queue.example.tw, not 'queue.example.tw'"),
                rule("parity: even", "parity: mark", "parity: mark",
                        "the parity of device 'panel-1' must be none, even or odd, not 'mark'"),
                rule("function: 6,", "function: 3,", "function: 3",
                        "the display function of device 'panel-1' must be 6 or 16, not 3"),
                rule("timeout-ms: 150", "timeout-ms: 0", "timeout-ms: 0",
                        "the display timeout of device 'panel-1' must be 10-10000 ms, not 0"),
                rule("  - counter: 2\n", "  - counter: 3\n", "counter: 3",
                        "a panel of device 'panel-1' is wired for counter 3, which the device does not list in counters"),
                rule("call-next: 2\n", "call-next: 17\n", "call-next: 17\n",
                        "pin 17 used twice on device panel-1"),
                rule("display-address: 9", "display-address: 1", "display-address: 1",
                        "two displays of device 'panel-1' use address 1"),
                rule("display-address: 9", "display-address: 300", "display-address: 300",
                        "the display address 300 of device 'panel-1' must be 1-247"),
                rule("\n        neutral: 16\n", "\n", "- counter: 1",
                        "the satisfaction box of device 'panel-1' at counter 1 needs all three buttons (satisfied, neutral, dissatisfied)"),
                rule("type: board\n", "type: board\n    help-bell: 3\n", "help-bell: 3",
                        "device 'board-1' is a board; only kiosks have 'help-bell'"),
                rule("type: board\n", "type: board\n    display: {function: 16}\n", "display: {function: 16}",
                        "device 'board-1' is a board; only panels have 'display'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aWiringMistakeIsReportedAtItsLine(String message, String target, String replacement, String lineMarker) {
        assertOnlyProblemAt(TestOffices.with(WIRED, target, replacement), message, lineMarker);
    }

    @Test
    void wiringMistakesReadInChineseToo() {
        List<ConfigProblem> found = problems(TestOffices.with(WIRED, "encoding: gb18030", "encoding: utf8"),
                Locale.forLanguageTag("zh-TW"));
        assertThat(found).extracting(ConfigProblem::message)
                .containsExactly("設備「kiosk-1」的印表機編碼必須是 big5、gb18030 或 raster，不能是「utf8」");
    }

    @Test
    void theDemoDevicesAreWiredForTheSampleOfficeWithoutClashingPins() {
        OfficeConfig office = OfficeConfigLoader.loadBundledSample(Locale.ENGLISH);
        List<DeviceDef> demo = DemoDevices.of(office);

        assertThat(demo).extracting(DeviceDef::id).startsWith("demo-kiosk-1", "demo-kiosk-2", "demo-board-1")
                .contains("demo-panel-1", "demo-panel-25").hasSize(3 + office.counters().size());
        for (DeviceDef d : demo) {
            assertThat(d.tokenHash()).as("token of %s is its id", d.id()).isEqualTo(DemoDevices.sha256(d.id()));
            Set<Integer> pins = new HashSet<>();
            d.buttons().forEach(b -> {
                assertThat(office.service(b.service())).as(b.service()).isPresent();
                assertThat(pins.add(b.pin())).as("%s pin %s", d.id(), b.pin()).isTrue();
                assertThat(pins.add(b.ledPin())).as("%s led %s", d.id(), b.ledPin()).isTrue();
            });
            if (d.helpBellPin() != null) {
                assertThat(pins.add(d.helpBellPin())).isTrue();
            }
            d.panels().forEach(p -> {
                p.buttons().values().forEach(pin -> assertThat(pins.add(pin)).as("%s pin %s", d.id(), pin).isTrue());
                p.ratingPins().values().forEach(pin -> assertThat(pins.add(pin)).isTrue());
                assertThat(pins.add(p.busyLedPin())).isTrue();
                assertThat(d.counters()).containsExactly(p.counter());
            });
            assertThat(pins).allSatisfy(pin -> assertThat(pin).isBetween(2, 27).isNotIn(14, 15));
        }
        DeviceDef kiosk = demo.get(0);
        assertThat(kiosk.buttons()).extracting(DeviceDef.ServiceButton::service).contains("registration", "transcript");
        assertThat(kiosk.helpBellPin()).isNotNull();
        assertThat(kiosk.serial().protocol()).isEqualTo("escpos");
        DeviceDef panel7 = demo.stream().filter(d -> d.id().equals("demo-panel-7")).findFirst().orElseThrow();
        assertThat(panel7.panel(7).orElseThrow().displayAddress()).isEqualTo(7);
        assertThat(panel7.serial().baud()).isEqualTo(9600);
    }
}
