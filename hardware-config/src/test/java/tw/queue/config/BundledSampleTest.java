package tw.queue.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled sample: Xitun District Household Registration Office, Taichung. */
class BundledSampleTest {

    private static final List<String> ORDINARY = List.of("registration", "transcript", "id-card", "seal", "passport",
            "cdc", "house-number", "nationality", "appointment");

    private static OfficeConfig office;

    @BeforeAll
    static void load() {
        office = OfficeConfigLoader.loadBundledSample(Locale.ENGLISH);
    }

    @Test
    void theOffice() {
        assertThat(office.id()).isEqualTo("xitun");
        assertThat(office.name().in("zh-TW")).isEqualTo("臺中市西屯區戶政事務所");
        assertThat(office.name().in("en")).isEqualTo("Xitun District Household Registration Office, Taichung");
        assertThat(office.timezone()).isEqualTo(ZoneId.of("Asia/Taipei"));
        assertThat(office.devices()).isEmpty();
        assertThat(office.staff()).isEmpty();
    }

    @Test
    void openWeekdaysWithWednesdayEvenings() {
        OpeningHours hours = office.hours();
        OpeningHours.TimeRange day = new OpeningHours.TimeRange(LocalTime.of(8, 0), LocalTime.of(17, 0));
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            assertThat(hours.on(d)).as("%s", d).containsExactly(day);
        }
        assertThat(hours.on(DayOfWeek.WEDNESDAY)).containsExactly(day,
                new OpeningHours.TimeRange(LocalTime.of(17, 0), LocalTime.of(20, 0)));
        assertThat(hours.on(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(hours.on(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(hours.isOpen(DayOfWeek.WEDNESDAY, LocalTime.of(19, 30))).isTrue();
        assertThat(hours.isOpen(DayOfWeek.TUESDAY, LocalTime.of(19, 30))).isFalse();
        assertThat(hours.isOpen(DayOfWeek.MONDAY, LocalTime.of(7, 59))).isFalse();
        assertThat(hours.isOpen(DayOfWeek.MONDAY, LocalTime.of(8, 0))).isTrue();
    }

    @Test
    void tenServicesWithTheirNumbersAndMinutes() {
        assertThat(office.services()).extracting(ServiceDef::id).containsExactly("registration", "transcript",
                "id-card", "seal", "passport", "cdc", "house-number", "nationality", "turning", "appointment");
        assertThat(office.services()).extracting(s -> s.numbers().toString()).containsExactly("1001-1999",
                "2001-2999", "3001-3999", "4001-4999", "5001-5999", "6001-6999", "7001-7499", "7501-7999",
                "8001-8999", "9001-9999");
        assertThat(office.services()).extracting(ServiceDef::expectedMinutes)
                .containsExactly(20.0, 6.0, 12.0, 8.0, 10.0, 10.0, 10.0, 25.0, 30.0, 15.0);
    }

    @Test
    void serviceNamesAndHints() {
        ServiceDef transcript = office.service("transcript").orElseThrow();
        assertThat(transcript.names().in("zh-TW")).isEqualTo("戶籍謄本・戶口名簿");
        assertThat(transcript.names().in("en")).isEqualTo("Household transcripts and certificates");
        assertThat(transcript.hints().in("zh-TW")).isEqualTo("申請戶籍謄本、戶口名簿");
        assertThat(transcript.hints().in("en")).isEqualTo("Copies of household records");
        assertThat(office.service("registration").orElseThrow().names().in("zh-TW"))
                .isEqualTo("戶籍登記（出生、結婚、離婚、遷徙、死亡等）");
        assertThat(office.service("turning").orElseThrow().names().in("en"))
                .isEqualTo("Turning Point counter (divorce, death, guardianship, acknowledgement)");
        assertThat(office.service("cdc").orElseThrow().names().in("en")).isEqualTo("Citizen Digital Certificate");
        for (ServiceDef s : office.services()) {
            assertThat(s.hints().texts()).as("hints of %s", s.id()).containsKeys("zh-TW", "en");
            assertThat(s.names().texts()).as("names of %s", s.id()).containsKeys("zh-TW", "en");
        }
    }

    @Test
    void onlyTurningIsPrivateAndAllButAppointmentArePriorityEligible() {
        assertThat(office.services()).filteredOn(ServiceDef::privateService).extracting(ServiceDef::id)
                .containsExactly("turning");
        assertThat(office.services()).filteredOn(s -> !s.priorityEligible()).extracting(ServiceDef::id)
                .containsExactly("appointment");
    }

    @Test
    void twentyFiveCounters() {
        assertThat(office.counters()).extracting(CounterDef::number)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
    }

    @Test
    void eachCounterGroupTakesItsOwnServiceFirst() {
        assertFirst(1, 6, "transcript");
        assertFirst(7, 14, "registration");
        assertFirst(15, 16, "passport");
        assertThat(office.counter(15).orElseThrow().services().get(1)).isEqualTo("id-card");
        assertFirst(17, 18, "seal");
        assertThat(office.counter(17).orElseThrow().services().get(1)).isEqualTo("cdc");
        assertFirst(19, 19, "house-number");
        assertFirst(20, 21, "nationality");
        assertFirst(22, 23, "appointment");
        assertFirst(24, 24, "id-card");
    }

    private static void assertFirst(int from, int to, String serviceId) {
        for (int n = from; n <= to; n++) {
            assertThat(office.counter(n).orElseThrow().services().get(0)).as("first service of counter %s", n)
                    .isEqualTo(serviceId);
        }
    }

    @Test
    void integratedCountersServeMostOrdinaryServicesButNotTurning() {
        for (int n = 1; n <= 24; n++) {
            CounterDef counter = office.counter(n).orElseThrow();
            assertThat(counter.services()).as("counter %s", n).doesNotContain("turning").doesNotHaveDuplicates();
            assertThat(counter.services().stream().filter(ORDINARY::contains).count()).as("counter %s", n)
                    .isGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void counter25IsThePrivateTurningPointCounter() {
        CounterDef counter = office.counter(25).orElseThrow();
        assertThat(counter.services()).containsExactly("turning", "registration");
        assertThat(counter.area()).isEqualTo("疼您櫃檯 Turning Point room");
        assertThat(office.counters()).filteredOn(c -> c.serves("turning")).extracting(CounterDef::number)
                .containsExactly(25);
    }

    @Test
    void everyServiceIsServedSomewhere() {
        for (ServiceDef s : office.services()) {
            assertThat(office.counters()).as("counters serving %s", s.id()).anyMatch(c -> c.serves(s.id()));
        }
    }

    @Test
    void theDefaultLocaleOverloadLoadsTheSameOffice() {
        assertThat(OfficeConfigLoader.loadBundledSample()).isEqualTo(office);
    }
}
