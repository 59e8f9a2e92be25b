package tw.queue.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.HubPerTest;
import tw.queue.testsupport.Await;

/**
 * "A citizen's comment is forgotten after 90 days." A visit is rated with a comment that names someone; the
 * comment is in the log. On the hub's clock, 89 days later it is still there; 91 days later the daily job has
 * deleted it, while the rating itself stays for the statistics.
 */
class PersonalDataHorizonTest {
    @RegisterExtension
    final HubPerTest demo = HubPerTest.demoOnAManualClock();
    private final HubClient hub = demo.client();

    @Test
    void aRatingCommentIsDeletedAfterTheHorizonAndTheRatingStays() {
        rateAVisit("王小明 thanks the clerk");
        assertThat(ratedBodies()).singleElement().asString().contains("王小明");

        // 89 days on, another citizen comments; two days later the first comment is 91 days old, this one 2
        demo.clock().advance(Duration.ofDays(89));
        rateAVisit("陳大華 waited too long");
        demo.clock().advance(Duration.ofDays(2));

        Await.until(Duration.ofSeconds(30), () -> ratedBodies().stream().noneMatch(b -> b.contains("王小明")),
                "the 91-day-old comment deleted");
        List<String> bodies = ratedBodies();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).contains("\"rating\":\"satisfied\"").contains("\"comment\":null");
        assertThat(bodies.get(1)).as("a comment within the horizon stays").contains("陳大華");
    }

    private void rateAVisit(String comment) {
        String id = hub.issue("transcript").getString("id");
        String clerk = hub.openCounter(1);
        hub.callNext(1, clerk);
        hub.finish(1, clerk);
        HubClient.Response rated = hub.post("/api/tickets/" + id + "/rating", null,
                "{\"rating\":\"satisfied\",\"comment\":\"" + comment + "\"}");
        assertThat(rated.status()).as(rated.body()).isEqualTo(201);
    }

    private List<String> ratedBodies() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + demo.data().resolve("queue.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT body FROM event WHERE type = 'ticket.rated' ORDER BY seq")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
