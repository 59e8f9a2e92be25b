package tw.queue.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import tw.queue.hub.store.EventLog;
import tw.queue.hub.store.HubDatabase;
import tw.queue.hub.testing.RatedHistory;
import tw.queue.hub.testing.TestHub;

/** The staffing plan on the manager's Live tab, on a hub with three weeks of a small office's weekdays. */
class ManagerPlanTest {
    @TempDir
    static Path data;
    static TestHub hub;

    @BeforeAll
    static void threeWeeksOfHistory() throws Exception {
        Map<String, double[]> rates = new TreeMap<>();
        rates.put("transcript", new double[] {10, 8, 6, 5, 4, 5, 5, 4, 3});
        rates.put("registration", new double[] {3, 3, 2, 2, 1, 2, 2, 2, 1});
        Map<DayOfWeek, Map<String, double[]>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(d, rates);
        }
        LocalDate today = LocalDate.now(TestHub.DEMO.timezone());
        try (HubDatabase db = HubDatabase.open(data); EventLog log = new EventLog(db, TestHub.DEMO.timezone())) {
            new RatedHistory(TestHub.DEMO, 8, week, 5).write(log, today.minusWeeks(3), today, Set.of());
        }
        hub = TestHub.demo(data);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void theManagerSeesTheNextOfficeDaysCountersHourByHourInBothLanguages() {
        try (Browser staff = Browser.open(Browser.Screen.MANAGER)) {
            staff.signInPage(hub.url("/manager"));
            staff.signIn("manager", "demo");
            staff.waitForShown("#tab-live #plan h2");
            WebElement first = staff.waitFor(Duration.ofMinutes(2), "the plan's first hour",
                    d -> d.findElements(org.openqa.selenium.By.cssSelector("#plan tbody tr[data-hour='8']")).stream()
                            .filter(WebElement::isDisplayed).findFirst().orElse(null));
            String date = staff.find("#plan-date").getAttribute("value");
            LocalDate day = LocalDate.parse(date);
            assertThat(day).isAfter(LocalDate.now(TestHub.DEMO.timezone()));
            assertThat(day.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            List<WebElement> rows = staff.all("#plan tbody tr");
            assertThat(rows.size()).isGreaterThanOrEqualTo(9);
            int counters = Integer.parseInt(first.findElement(org.openqa.selenium.By.cssSelector(".plan-counters"))
                    .getText());
            assertThat(counters).isBetween(1, 8);
            assertThat(staff.find("#plan caption").getText()).contains(date);
            assertThat(staff.find("#plan-summary").getText()).isNotBlank();
            // the services forecast are columns of their own, named as the office names them
            assertThat(staff.find("#plan thead").getText()).contains("戶籍謄本");
            staff.assertAccessible("/manager live tab with the staffing plan");

            staff.find("#langs button[data-lang='en']").click();
            staff.waitFor("the plan in English", d -> staff.find("#plan caption").getText()
                    .contains("Staffing plan for " + date));
            assertThat(staff.find("#plan thead").getText()).contains("Counters to open").contains("transcripts");
            staff.screenshot("manager-plan");
        }
    }
}
