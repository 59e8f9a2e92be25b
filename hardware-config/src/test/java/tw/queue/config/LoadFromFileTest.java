package tw.queue.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static tw.queue.config.TestOffices.TOKEN_HASH;
import static tw.queue.config.TestOffices.VALID;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from a file, and what the loaded records contain. */
class LoadFromFileTest {

    @TempDir
    Path dir;

    @Test
    void loadsAFileWithAByteOrderMark() throws IOException {
        Path file = dir.resolve("office.yaml");
        Files.writeString(file, "\uFEFF" + VALID, StandardCharsets.UTF_8);

        OfficeConfig office = OfficeConfigLoader.load(file);

        assertThat(office.id()).isEqualTo("test");
        assertThat(office.name().in("zh-TW")).isEqualTo("測試戶政事務所");
    }

    @Test
    void loadsTheSampleFromAFileToo() throws IOException {
        Path file = dir.resolve("xitun.yaml");
        try (InputStream in = OfficeConfigLoader.class.getResourceAsStream(OfficeConfigLoader.SAMPLE_RESOURCE)) {
            Files.copy(in, file);
        }
        assertThat(OfficeConfigLoader.load(file, Locale.ENGLISH)).isEqualTo(OfficeConfigLoader.loadBundledSample());
    }

    @Test
    void problemsNameTheFile() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, VALID.replace("timezone: Asia/Taipei", "timezone: Asia/Taipie"));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> OfficeConfigLoader.load(file, Locale.ENGLISH));

        assertThat(e.getMessage()).isEqualTo(file + ":3: unknown timezone 'Asia/Taipie'; use a name such as Asia/Taipei");
    }

    @Test
    void aMissingFileIsAProblem() {
        Path file = dir.resolve("nope.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> OfficeConfigLoader.load(file, Locale.ENGLISH));

        assertThat(e.problems()).containsExactly(new ConfigProblem(file.toString(), 0, "file not found"));
        assertThat(e.getMessage()).isEqualTo(file + ": file not found");
    }

    @Test
    void aFileThatIsNotUtf8IsAProblem() throws IOException {
        Path file = dir.resolve("big5.yaml");
        Files.write(file, "name: 西屯\n".getBytes(java.nio.charset.Charset.forName("Big5")));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> OfficeConfigLoader.load(file, Locale.ENGLISH));

        assertThat(e.problems()).extracting(ConfigProblem::message)
                .containsExactly("the file is not UTF-8 text; save it as UTF-8");
    }

    @Test
    void theRecordsHoldWhatTheFileSays() {
        OfficeConfig office = OfficeConfigLoader.parse(VALID, "test.yaml", Locale.ENGLISH);

        assertThat(office.hours().on(DayOfWeek.WEDNESDAY)).extracting(OpeningHours.TimeRange::from)
                .containsExactly(LocalTime.of(8, 0), LocalTime.of(13, 0), LocalTime.of(17, 0));

        ServiceDef transcript = office.service("transcript").orElseThrow();
        assertThat(transcript.numbers()).isEqualTo(new NumberRange(2001, 2999));
        assertThat(transcript.privateService()).as("private defaults to false").isFalse();
        assertThat(transcript.priorityEligible()).as("priority-eligible defaults to true").isTrue();
        ServiceDef seal = office.service("seal").orElseThrow();
        assertThat(seal.privateService()).isTrue();
        assertThat(seal.priorityEligible()).isFalse();
        assertThat(seal.hints().texts()).as("absent hints are empty").isEmpty();
        assertThat(seal.hints().in("en")).isEmpty();

        assertThat(office.counter(1).orElseThrow().area()).isEqualTo("A");
        assertThat(office.counter(2).orElseThrow().area()).as("absent area").isEmpty();

        assertThat(office.devices()).extracting(DeviceDef::id, DeviceDef::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kiosk-1", DeviceDef.DeviceType.KIOSK),
                org.assertj.core.groups.Tuple.tuple("board-1", DeviceDef.DeviceType.BOARD),
                org.assertj.core.groups.Tuple.tuple("panel-1", DeviceDef.DeviceType.PANEL));
        DeviceDef kiosk = office.devices().get(0);
        assertThat(kiosk.tokenHash()).isEqualTo(TOKEN_HASH);
        assertThat(kiosk.serial()).isEqualTo(new DeviceDef.SerialPortDef("/dev/ttyUSB0", 9600, "escpos"));
        assertThat(kiosk.counters()).isEmpty();
        assertThat(office.devices().get(1).serial()).isNull();
        DeviceDef panel = office.devices().get(2);
        assertThat(panel.counters()).containsExactly(1, 2);
        assertThat(panel.pins()).isEqualTo(Map.of("call-next", 17, "recall", 27));

        assertThat(office.staff()).extracting(StaffAccount::username, StaffAccount::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("manager1", StaffAccount.StaffRole.MANAGER),
                org.assertj.core.groups.Tuple.tuple("clerk1", StaffAccount.StaffRole.CLERK));
        assertThat(office.staff().get(0).passwordHash()).isEqualTo(TestOffices.PASSWORD_HASH);
    }
}
