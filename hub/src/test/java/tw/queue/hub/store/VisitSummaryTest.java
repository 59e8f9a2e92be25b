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
    void closedDaysReadFromTheirRollupsGiveWhatTheirVisitsGive(@TempDir Path data) throws Exception {
        new HistoryGenerator(TestHub.DEMO, 300, 9).write(data, FIRST, 6);
        LocalDate to = FIRST.plusDays(9);
        try (HubDatabase db = HubDatabase.open(data); VisitQueries q = new VisitQueries(db)) {
            assertThat(rows(data, "SELECT COUNT(*) FROM visit_rollup_day").get(0)[0]).isEqualTo("6");
            for (HistoryDimension by : HistoryDimension.values()) {
                List<tw.queue.hub.stats.HistorySummary.Row> rolled =
                        q.read(r -> tw.queue.hub.stats.HistorySummary.of(r, FIRST, to, by, 900_000));
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("queue.db"));
                     Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM visit_rollup_day WHERE day IN ('2025-03-04', '2025-03-06')");
                }
                List<tw.queue.hub.stats.HistorySummary.Row> mixed =
                        q.read(r -> tw.queue.hub.stats.HistorySummary.of(r, FIRST, to, by, 900_000));
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("queue.db"));
                     Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM visit_rollup_day");
                }
                List<tw.queue.hub.stats.HistorySummary.Row> scanned =
                        q.read(r -> tw.queue.hub.stats.HistorySummary.of(r, FIRST, to, by, 900_000));
                assertThat(rolled).as(by.wire()).isNotEmpty().usingRecursiveComparison()
                        .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class)
                        .isEqualTo(mixed).isEqualTo(scanned);
                if (by != HistoryDimension.COUNTER && by != HistoryDimension.CLERK) {
                    assertThat(rolled.stream().mapToInt(tw.queue.hub.stats.HistorySummary.Row::count).sum())
                            .as(by.wire()).isEqualTo(1_800);
                }
                // the rollups come back at start (those of the days before the last), for the next view
                new EventLog(db, TAIPEI);
                assertThat(rows(data, "SELECT COUNT(*) FROM visit_rollup_day").get(0)[0]).isEqualTo("5");
            }
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
