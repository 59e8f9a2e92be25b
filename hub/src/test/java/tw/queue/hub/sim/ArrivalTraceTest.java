package tw.queue.hub.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.domain.Priority;

/** The simulator reads arrival traces as CSV: header, comments, blank lines, quoted fields. */
class ArrivalTraceTest {

    @Test
    void aTraceWithQuotedFieldsAndCommentsReadsBackAsWritten(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("monday.csv");
        Files.writeString(trace, String.join("\n",
                "time,service,priority,appointmentTime",
                "# exported from the office's old ticket machine",
                "\"8:05\",\"transcript\",\"pregnant-or-infant\",",
                "",
                "8:01, household , elderly",
                "\"8:30\",\"registration, urgent\",appointment,\"8:45\"",
                "490,seal"));

        List<OfficeDaySimulator.Arrival> arrivals = OfficeDaySimulator.readTrace(trace);

        assertThat(arrivals).containsExactly(
                new OfficeDaySimulator.Arrival(481, "household", Priority.ELDERLY, null),
                new OfficeDaySimulator.Arrival(485, "transcript", Priority.PREGNANT_OR_INFANT, null),
                new OfficeDaySimulator.Arrival(490, "seal", Priority.NONE, null),
                new OfficeDaySimulator.Arrival(510, "registration, urgent", Priority.APPOINTMENT, 525.0));
    }
}
