package tw.queue.hub.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;
import tw.queue.hub.stats.MonthlyEvaluation.Line;
import tw.queue.hub.stats.MonthlyEvaluation.Report;

/**
 * The monthly counter evaluation as CSV (jackson-dataformat-csv; one table, the view in its first column) and
 * as an Excel workbook (Apache POI; one sheet per view, numbers as numbers). Headings from the hub's bundles
 * ({@code report.*} keys) in the caller's language.
 */
final class ReportFormats {
    /** The columns of a view, in order: bundle key and value. Times in seconds, shares and rates 0..1. */
    private static final List<Map.Entry<String, Function<Line, Object>>> COLUMNS = List.of(
            Map.entry("report.col.rank", Line::rank),
            Map.entry("report.col.key", Line::key),
            Map.entry("report.col.served", Line::served),
            Map.entry("report.col.handled", Line::handled),
            Map.entry("report.col.suspicious", Line::suspicious),
            Map.entry("report.col.no-shows", Line::noShows),
            Map.entry("report.col.no-show-rate", Line::noShowRate),
            Map.entry("report.col.service-mean", Line::serviceMean),
            Map.entry("report.col.wait-mean", Line::waitMean),
            Map.entry("report.col.wait-p90", Line::waitP90),
            Map.entry("report.col.within-target", Line::withinTarget),
            Map.entry("report.col.rated", Line::rated),
            Map.entry("report.col.satisfied", Line::satisfied),
            Map.entry("report.col.neutral", Line::neutral),
            Map.entry("report.col.dissatisfied", Line::dissatisfied),
            Map.entry("report.col.satisfied-share", Line::satisfiedShare));
    static final String COUNTERS = "report.sheet.counters";
    static final String CLERKS = "report.sheet.clerks";

    private ReportFormats() {
    }

    /** The headings of the columns in {@code locale}, as the CSV and the sheets carry them. */
    static List<String> headings(Locale locale) {
        return COLUMNS.stream().map(c -> Texts.get(locale, c.getKey())).toList();
    }

    static String csv(Report report, Locale locale) {
        CsvSchema.Builder schema = CsvSchema.builder().addColumn(Texts.get(locale, "report.col.view"));
        headings(locale).forEach(schema::addColumn);
        List<Map<String, Object>> rows = new ArrayList<>();
        addRows(rows, Texts.get(locale, COUNTERS), report.counters(), locale);
        addRows(rows, Texts.get(locale, CLERKS), report.clerks(), locale);
        try {
            return new CsvMapper().writer(schema.build().withHeader()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addRows(List<Map<String, Object>> rows, String view, List<Line> lines, Locale locale) {
        List<String> headings = headings(locale);
        for (Line l : lines) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(Texts.get(locale, "report.col.view"), view);
            for (int i = 0; i < COLUMNS.size(); i++) {
                row.put(headings.get(i), COLUMNS.get(i).getValue().apply(l));
            }
            rows.add(row);
        }
    }

    /**
     * POI's streaming workbook whose rows are written straight into the file (no temporary files): half the
     * work of building every cell as an XML object first, for the same workbook.
     */
    static byte[] xlsx(Report report, Locale locale) {
        try (DeferredSXSSFWorkbook book = new DeferredSXSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle share = book.createCellStyle();
            share.setDataFormat(book.createDataFormat().getFormat("0.0%"));
            CellStyle seconds = book.createCellStyle();
            seconds.setDataFormat(book.createDataFormat().getFormat("0.0"));
            sheet(book, Texts.get(locale, COUNTERS) + " " + report.month(), report.counters(), locale, bold, share, seconds);
            sheet(book, Texts.get(locale, CLERKS) + " " + report.month(), report.clerks(), locale, bold, share, seconds);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sheet(DeferredSXSSFWorkbook book, String name, List<Line> lines, Locale locale,
                              CellStyle bold, CellStyle share, CellStyle seconds) {
        DeferredSXSSFSheet sheet = book.createSheet(name);
        sheet.createFreezePane(2, 1);
        for (int i = 0; i < COLUMNS.size(); i++) {
            sheet.setColumnWidth(i, 14 * 256);
        }
        sheet.setRowGenerator(s -> rows(s, lines, locale, bold, share, seconds));
    }

    private static void rows(Sheet sheet, List<Line> lines, Locale locale, CellStyle bold, CellStyle share,
                             CellStyle seconds) {
        Row head = sheet.createRow(0);
        List<String> headings = headings(locale);
        for (int i = 0; i < headings.size(); i++) {
            Cell c = head.createCell(i);
            c.setCellValue(headings.get(i));
            c.setCellStyle(bold);
        }
        for (int r = 0; r < lines.size(); r++) {
            Row row = sheet.createRow(r + 1);
            for (int i = 0; i < COLUMNS.size(); i++) {
                Object v = COLUMNS.get(i).getValue().apply(lines.get(r));
                if (v == null) {
                    continue;
                }
                Cell c = row.createCell(i);
                String key = COLUMNS.get(i).getKey();
                if (key.equals("report.col.key") && String.valueOf(v).matches("[0-9]{1,9}")) {
                    c.setCellValue(Integer.parseInt(String.valueOf(v)));
                } else if (v instanceof Number n && !key.equals("report.col.key")) {
                    c.setCellValue(n.doubleValue());
                    if (v instanceof Double) {
                        c.setCellStyle(key.endsWith("rate") || key.endsWith("share") || key.endsWith("target")
                                ? share : seconds);
                    }
                } else {
                    c.setCellValue(String.valueOf(v));
                }
            }
        }
    }
}
