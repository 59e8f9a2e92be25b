package tw.queue.hub.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The open-data feeds' CSV ({@code GET /api/public/status} and {@code GET /api/public/city}): a header row, then
 * one row per map, its values in the order of {@code columns} (jackson-dataformat-csv quotes what needs it).
 */
public final class OpenDataCsv {
    private static final CsvMapper CSV = new CsvMapper();

    private OpenDataCsv() {
    }

    public static String write(List<String> columns, List<? extends Map<String, ?>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build().withHeader()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
