package tw.queue.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.hub.stats.HistoryDimension;
import tw.queue.hub.testing.HistoryGenerator;
import tw.queue.hub.testing.TestHub;
import tw.queue.wire.EventCodec;

/** The per-visit summary is the same however the events came: a day at once, one by one, or back-filled later. */
class VisitSummaryTest {
    static final ZoneId TAIPEI = TestHub.DEMO.timezone();
    static final LocalDate FIRST = LocalDate.of(2025, 3, 3);

    @Test
    void eventsAppendedOneByOneAsTheHubDoesGiveTheSameVisitsAsWholeDays(@TempDir Path days, @TempDir Path single)
            throws Exception {
        new HistoryGenerator(TestHub.DEMO, 300, 3).write(days, FIRST, 3);
        try (EventLog log = EventLog.open(single, TAIPEI)) {
            for (String[] e : rows(days, "SELECT day, body FROM event ORDER BY seq")) {
                log.append(List.of(new EventLog.DayEvent(e[0], EventCodec.fromLog(e[1]))));
            }
        }
        assertThat(visits(single)).hasSize(900).containsExactlyElementsOf(visits(days));
        assertThat(rows(single, "SELECT * FROM visit_transfer ORDER BY day, seq"))
                .isNotEmpty().usingRecursiveComparison().isEqualTo(rows(days, "SELECT * FROM visit_transfer ORDER BY day, seq"));
    }

    @Test
    void anOlderDatabaseIsBackFilledFromItsEventsAtStart(@TempDir Path data) throws Exception {
        new HistoryGenerator(TestHub.DEMO, 300, 5).write(data, FIRST, 4);
        List<String> before = visits(data);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("queue.db"));
             Statement s = c.createStatement()) {
            // as a database from before the summary tables: events only
            s.executeUpdate("DELETE FROM visit");
            s.executeUpdate("DELETE FROM visit_transfer");
            s.executeUpdate("UPDATE visit_progress SET last_seq = 0");
        }
        assertThat(visits(data)).isEmpty();
        try (EventLog log = EventLog.open(data, TAIPEI);
             VisitQueries q = new VisitQueries(HubDatabase.open(data))) {
            assertThat(q.read(r -> tw.queue.hub.stats.HistorySummary.of(r, FIRST, FIRST.plusDays(10),
                    HistoryDimension.SERVICE, 900_000)).stream().mapToInt(tw.queue.hub.stats.HistorySummary.Row::count)
                    .sum()).isEqualTo(1_200);
        }
        assertThat(visits(data)).hasSize(1_200).containsExactlyElementsOf(before);
    }

    @Test
    void closedDaysAndMonthsReadFromTheirGroupsGiveWhatTheirVisitsGive(@TempDir Path data) throws Exception {
        // 30 weekdays from Thursday 20 February: the end of February, all of March, the start of April
        LocalDate first = LocalDate.of(2025, 2, 20);
        new HistoryGenerator(TestHub.DEMO, 200, 9).write(data, first, 30);
        LocalDate to = LocalDate.of(2025, 4, 3);
        try (HubDatabase db = HubDatabase.open(data); VisitQueries q = new VisitQueries(db)) {
            // every day from the first to the last (weekends too, which had no visits), and each month gone by
            assertThat(rows(data, "SELECT MIN(day), MAX(day), COUNT(*) FROM visit_rolled_day").get(0))
                    .containsExactly("2025-02-20", "2025-04-02", "42");
            assertThat(rows(data, "SELECT month FROM visit_rolled_month ORDER BY month").stream().map(r -> r[0]))
                    .containsExactly("2025-02", "2025-03");
            for (HistoryDimension by : HistoryDimension.values()) {
                List<tw.queue.hub.stats.HistorySummary.Row> months =
                        q.read(r -> tw.queue.hub.stats.HistorySummary.of(r, first, to, by, 900_000));
                // March's merged groups gone: its days' groups instead
                sql(data, "DELETE FROM visit_rolled_month");
                List<tw.queue.hub.stats.HistorySummary.Row> days =
                        q.read(r -> tw.queue.hub.stats.HistorySummary.of(r, first, to, by, 900_000));
                // two days as if changed since they closed: read from their visits
                sql(data, "DELETE FROM visit_rolled_day WHERE day IN ('2025-03-04', '2025-03-06')");
                List<tw.queue.hub.stats.HistorySummary.Row> mixed =
                        q.read(r -> tw.queue.hub.stats.HistorySummary.of(r, first, to, by, 900_000));
                sql(data, "DELETE FROM visit_rolled_day");
                List<tw.queue.hub.stats.HistorySummary.Row> scanned =
                        q.read(r -> tw.queue.hub.stats.HistorySummary.of(r, first, to, by, 900_000));
                assertThat(months).as(by.wire()).isNotEmpty().usingRecursiveComparison()
                        .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class)
                        .isEqualTo(days).isEqualTo(mixed).isEqualTo(scanned);
                if (by != HistoryDimension.COUNTER && by != HistoryDimension.CLERK) {
                    assertThat(months.stream().mapToInt(tw.queue.hub.stats.HistorySummary.Row::count).sum())
                            .as(by.wire()).isEqualTo(6_000);
                }
                // the groups come back at start (the last day's too: it closed), for the next view
                sql(data, "DELETE FROM visit_day_group");
                sql(data, "DELETE FROM visit_month_group");
                new EventLog(db, TAIPEI);
                assertThat(rows(data, "SELECT COUNT(*) FROM visit_rolled_day").get(0)[0]).isEqualTo("42");
                assertThat(rows(data, "SELECT COUNT(*) FROM visit_rolled_month").get(0)[0]).isEqualTo("2");
            }
        }
    }

    @Test
    void aLateRatingOfAClosedDayTakesItsGroupsAwayUntilTheNextDayCloses(@TempDir Path data) throws Exception {
        // Thursday 27 and Friday 28 February, Monday 3 March: February is merged when March's first day closes
        new HistoryGenerator(TestHub.DEMO, 100, 4).write(data, LocalDate.of(2025, 2, 27), 3);
        assertThat(rows(data, "SELECT month FROM visit_rolled_month").stream().map(r -> r[0])).containsExactly("2025-02");
        String served = rows(data, "SELECT ticket_id FROM visit WHERE day = '2025-02-28' AND outcome = 'served' "
                + "AND rating IS NULL LIMIT 1").get(0)[0];
        try (EventLog log = EventLog.open(data, TAIPEI)) {
            tw.queue.domain.Event.TicketRated late = new tw.queue.domain.Event.TicketRated(
                    java.time.Instant.parse("2025-03-03T12:00:00Z"), served, 1, "registration", 1, "satisfied", null);
            log.append(List.of(new EventLog.DayEvent("2025-02-28", late)));
            assertThat(rows(data, "SELECT day FROM visit_rolled_day ORDER BY day").stream().map(r -> r[0]))
                    .containsExactly("2025-02-27", "2025-03-01", "2025-03-02", "2025-03-03");
            assertThat(rows(data, "SELECT COUNT(*) FROM visit_rolled_month").get(0)[0]).isEqualTo("0");
            assertThat(rows(data, "SELECT COUNT(*) FROM visit_day_group WHERE day = '2025-02-28'").get(0)[0]).isEqualTo("0");
            assertThat(rows(data, "SELECT COUNT(*) FROM visit_month_group").get(0)[0]).isEqualTo("0");
            new HistoryGenerator(TestHub.DEMO, 100, 5).write(log, LocalDate.of(2025, 3, 4), 1);
        }
        assertThat(rows(data, "SELECT COUNT(*) FROM visit_rolled_day").get(0)[0]).isEqualTo("6");
        String satisfied = rows(data, "SELECT COUNT(*) FROM visit WHERE day BETWEEN '2025-02-01' AND '2025-02-28' "
                + "AND rating = 'satisfied'").get(0)[0];
        assertThat(rows(data, "SELECT SUM(satisfied) FROM visit_day_group WHERE dim = 'service' AND day < '2025-03-01'")
                .get(0)[0]).as("the late rating counted").isEqualTo(satisfied);
        assertThat(rows(data, "SELECT SUM(satisfied) FROM visit_month_group WHERE dim = 'service' AND month = '2025-02'")
                .get(0)[0]).isEqualTo(satisfied);
    }

    private static void sql(Path data, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("queue.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private static List<String> visits(Path data) throws Exception {
        return rows(data, "SELECT * FROM visit ORDER BY ticket_id").stream().map(r -> String.join("|", java.util.Arrays.stream(r).map(String::valueOf).toList())).toList();
    }

    private static List<String[]> rows(Path data, String sql) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("queue.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getString(i + 1);
                }
                out.add(row);
            }
        }
        return out;
    }
}
