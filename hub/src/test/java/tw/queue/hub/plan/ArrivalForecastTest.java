package tw.queue.hub.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forecast's arithmetic on small hand-made histories. */
class ArrivalForecastTest {
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    static final ArrivalForecast.Settings S = new ArrivalForecast.Settings(4, 1, 0.3);

    /** A day with {@code n} transcripts in its 08:00 hour and {@code m} registrations at 09:00. */
    static ArrivalForecast.Day day(LocalDate d, int n, int m) {
        int[] t = new int[24];
        t[8] = n;
        int[] r = new int[24];
        r[9] = m;
        return new ArrivalForecast.Day(d, Map.of("transcript", t, "registration", r));
    }

    @Test
    void theLastMondaysWeighHalfAsMuchEachWeekBackWithAHalfLifeOfOneWeek() {
        List<ArrivalForecast.Day> h = List.of(day(MONDAY.minusWeeks(1), 80, 8), day(MONDAY.minusWeeks(2), 40, 8),
                day(MONDAY.minusWeeks(3), 40, 8), day(MONDAY.minusWeeks(4), 40, 8),
                // a Tuesday, and an older Monday: neither counts
                day(MONDAY.minusDays(6), 500, 500), day(MONDAY.minusWeeks(5), 500, 500));
        ArrivalForecast.Forecast f = ArrivalForecast.of(MONDAY, 8, 9, h, S);
        // weights 1, 1/2, 1/4, 1/8: (80 + 20 + 10 + 5) / 1.875
        assertThat(f.rates().get("transcript")[0]).isCloseTo(115 / 1.875, within(1e-9));
        assertThat(f.rates().get("registration")[1]).isCloseTo(8, within(1e-9));
        assertThat(f.total()).isCloseTo(115 / 1.875 + 8, within(1e-9));
        assertThat(f.basis()).isEqualTo(ArrivalForecast.Basis.WEEKDAY);
        assertThat(f.used()).hasSize(4);
        assertThat(f.skipped()).isEmpty();
    }

    @Test
    void aHolidayMondayAndAHalfDayAreLeftOutNotCountedAsQuietDays() {
        List<ArrivalForecast.Day> h = List.of(day(MONDAY.minusWeeks(1), 60, 10),
                // two weeks back: a holiday, no visits at all; three weeks back: a typhoon half day
                day(MONDAY.minusWeeks(3), 5, 0), day(MONDAY.minusWeeks(4), 60, 10));
        ArrivalForecast.Forecast f = ArrivalForecast.of(MONDAY, 8, 9, h, S);
        assertThat(f.rates().get("transcript")[0]).isCloseTo(60, within(1e-9));
        assertThat(f.skipped()).containsExactly(MONDAY.minusWeeks(3), MONDAY.minusWeeks(2));
        assertThat(f.used()).containsOnlyKeys(MONDAY.minusWeeks(1), MONDAY.minusWeeks(4));
    }

    @Test
    void visitsBeforeOpeningCountInTheFirstHourAndTheDayItselfIsNotUsed() {
        int[] t = new int[24];
        t[7] = 3;
        t[8] = 7;
        t[18] = 1;
        List<ArrivalForecast.Day> h = new ArrayList<>(List.of(new ArrivalForecast.Day(MONDAY.minusWeeks(1),
                Map.of("transcript", t))));
        h.add(day(MONDAY, 999, 999));
        ArrivalForecast.Forecast f = ArrivalForecast.of(MONDAY, 8, 9, h, S);
        assertThat(f.rates().get("transcript")[0]).isEqualTo(10);
        assertThat(f.rates().get("transcript")[8]).isEqualTo(1);
        assertThat(f.hours()).isEqualTo(9);
    }

    @Test
    void aNewOfficeWithNoMondayYetFallsBackOnEveryDayItHas() {
        List<ArrivalForecast.Day> h = List.of(day(MONDAY.minusDays(3), 30, 0), day(MONDAY.minusDays(4), 50, 0));
        ArrivalForecast.Forecast f = ArrivalForecast.of(MONDAY, 8, 9, h, S);
        assertThat(f.basis()).isEqualTo(ArrivalForecast.Basis.ALL_DAYS);
        assertThat(f.rates().get("transcript")[0]).isCloseTo(40, within(1e-9));
        ArrivalForecast.Forecast none = ArrivalForecast.of(MONDAY, 8, 9, List.of(), S);
        assertThat(none.basis()).isEqualTo(ArrivalForecast.Basis.NONE);
        assertThat(none.total()).isZero();
    }
}
