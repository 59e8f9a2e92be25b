package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;

/** The manager imports the day's online bookings from the booking site's CSV export: all rows or none. */
class BookingImportTest {
    private static final String HEADER = "時間,業務,預約代碼,姓名\r\n";

    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final HubClient hub = demo.client();
    private String manager;

    @BeforeEach
    void signIn() {
        manager = hub.login("manager");
    }

    private HubClient.Response upload(String token, String query, String contentType, byte[] body) {
        HttpRequest.Builder b = hub.request("/api/appointments/import" + query, token)
                .header("Accept-Language", "en");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return hub.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HubClient.Response upload(String csv) {
        return upload(manager, "", "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8));
    }

    private int checkIn(String code) {
        return hub.post("/api/appointments/check-in", manager, new JsonObject().put("code", code).encode()).status();
    }

    private long seq() {
        return hub.get("/health").json().getLong("seq");
    }

    @Test
    void theMorningsExportFromExcelIsBookedWholeAndEachCodeChecksIn() {
        // As Excel saves "CSV UTF-8": a byte-order mark, CRLF, quotes where a cell has a comma or a quote.
        String csv = "\uFEFF" + HEADER
                + "09:30,護照申辦,WEB-0930,王○明\r\n"
                + "9:45,戶籍登記,WEB-0945,\"陳○\"\r\n"
                + "10:00:00,seal,WEB-1000,\"J*** C****, Jr.\"\r\n"
                + ",,,\r\n"
                + "10:15,Household transcripts and certificates,WEB-1015,林○○\r\n";
        HubClient.Response r = upload(csv);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getInteger("booked")).isEqualTo(4);
        assertThat(r.json().getString("date")).isEqualTo("2026-12-01");

        HubClient.Response ticket = hub.post("/api/appointments/check-in", manager, "{\"code\":\"WEB-0930\"}");
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
        assertThat(ticket.json().getString("service")).isEqualTo("passport");
        assertThat(ticket.json().getString("priority")).isEqualTo("appointment");
        assertThat(ticket.json().getString("dueAt")).isEqualTo("2026-12-01T01:30:00Z");
        assertThat(checkIn("WEB-1015")).isEqualTo(201);

        // The same file again: every code is already booked, and nothing is booked twice.
        long before = seq();
        HubClient.Response again = upload(csv);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().getJsonArray("rows").stream().map(o -> ((JsonObject) o).getInteger("row")))
                .containsExactly(2, 3, 4, 6);
        assertThat(seq()).isEqualTo(before);
    }

    @Test
    void oneMalformedRowRefusesTheWholeFileWithItsRowNumberAndNothingIsImported() {
        long before = seq();
        // Row 2's name cell spans two lines (a spreadsheet still shows one row); the bad time is on row 3.
        String csv = HEADER
                + "09:30,passport,GOOD-1,\"王○明\n\"\r\n"
                + "9.45,passport,GOOD-2,陳○\r\n"
                + "10:00,passport,GOOD-3,林○○\r\n";
        HubClient.Response r = upload(csv);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.error()).isEqualTo("csv-rows-refused");
        JsonArray rows = r.json().getJsonArray("rows");
        assertThat(rows).hasSize(1);
        JsonObject problem = rows.getJsonObject(0);
        assertThat(problem.getInteger("row")).isEqualTo(3);
        assertThat(problem.getString("column")).isEqualTo("A");
        assertThat(problem.getString("error")).isEqualTo("csv-malformed-time");
        assertThat(problem.getString("message")).isEqualTo("Row 3, column A: The time \"9.45\" is not a time such as 09:30.");
        assertThat(r.json().getString("message")).startsWith("Nothing was imported");

        assertThat(seq()).as("no event logged").isEqualTo(before);
        assertThat(checkIn("GOOD-1")).as("row 2 was good but not imported").isEqualTo(404);
        assertThat(checkIn("GOOD-3")).isEqualTo(404);
    }

    @Test
    void everyKindOfBadRowIsListedAtOnce() {
        long before = seq();
        String csv = HEADER
                + "09:30,passport,DEMO1,王○明\r\n"          // 2: the demo's booking DEMO1 exists
                + "09:40,parking,OK-1,陳○\r\n"              // 3: no such service
                + "09:50,passport,OK-2,王小明\r\n"           // 4: a full name
                + "10:00,passport,OK-2,王○明\r\n"            // 5: OK-2 twice (row 4 has it)
                + "10:10,passport,OK-3\r\n"                 // 6: three columns
                + "25:00,passport,x,王○明\r\n";              // 7: no such hour, and a code too short
        HubClient.Response r = upload(csv);
        assertThat(r.status()).isEqualTo(422);
        List<String> found = r.json().getJsonArray("rows").stream().map(o -> (JsonObject) o)
                .map(o -> o.getInteger("row") + o.getString("column", "") + " " + o.getString("error")).toList();
        assertThat(found).containsExactly(
                "2C csv-existing-code",
                "3B csv-unknown-service",
                "4D csv-name-not-masked",
                "5C csv-duplicate-code",
                "6 csv-column-count",
                "7A csv-malformed-time",
                "7C csv-malformed-code");
        assertThat(seq()).isEqualTo(before);
        assertThat(checkIn("OK-1")).isEqualTo(404);
    }

    @Test
    void aFileThatIsNotUtf8CsvOrHasOnlyItsHeaderIsRefusedInTheManagersLanguage() {
        byte[] big5 = (HEADER + "09:30,passport,B5-1,王○明\r\n").getBytes(Charset.forName("Big5"));
        HubClient.Response r = upload(manager, "", "text/csv", big5);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("csv-not-utf8");
        assertThat(r.json().getJsonArray("rows").getJsonObject(0).getString("message")).contains("CSV UTF-8");

        HubClient.Response open = upload(HEADER + "09:30,passport,Q-1,\"王○明\r\n");
        assertThat(open.status()).isEqualTo(400);
        assertThat(open.error()).isEqualTo("csv-malformed");

        HubClient.Response empty = upload(HEADER);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().getJsonArray("rows").getJsonObject(0).getString("error")).isEqualTo("csv-no-bookings");

        HubClient.Response zh = hub.send(hub.request("/api/appointments/import", manager)
                .header("Accept-Language", "zh-TW").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(HEADER + "9點半,passport,Z-1,王○明\r\n")).build());
        assertThat(zh.json().getJsonArray("rows").getJsonObject(0).getString("message"))
                .isEqualTo("第 2 列 A 欄：時間「9點半」格式不對，應如 09:30。");
    }

    @Test
    void onlyTheManagerImportsForTodayToAWeekAheadAsCsv() {
        byte[] good = (HEADER + "09:30,passport,ROLE-1,王○明\r\n").getBytes(StandardCharsets.UTF_8);
        long before = seq();
        assertThat(upload(null, "", "text/csv", good).status()).isEqualTo(401);
        HubClient.Response volunteer = upload(hub.login("volunteer"), "", "text/csv", good);
        assertThat(volunteer.status()).isEqualTo(403);
        assertThat(volunteer.error()).isEqualTo("role-forbidden");
        assertThat(upload(hub.login("clerk3"), "", "text/csv", good).status()).isEqualTo(403);
        assertThat(upload(manager, "", "application/json", good).status()).isEqualTo(415);
        assertThat(upload(manager, "?date=2026-13-01", "text/csv", good).error()).isEqualTo("bad-date");
        assertThat(upload(manager, "?date=2026-11-30", "text/csv", good).error()).isEqualTo("csv-date-out-of-range");
        assertThat(upload(manager, "?date=2026-12-09", "text/csv", good).error()).isEqualTo("csv-date-out-of-range");
        assertThat(seq()).isEqualTo(before);

        HubClient.Response friday = upload(manager, "?date=2026-12-04", "text/csv", good);
        assertThat(friday.status()).as(friday.body()).isEqualTo(200);
        assertThat(friday.json().getString("date")).isEqualTo("2026-12-04");
        HubClient.Response early = hub.post("/api/appointments/check-in", manager, "{\"code\":\"ROLE-1\"}");
        assertThat(early.error()).isEqualTo("appointment-not-today");
    }
}
