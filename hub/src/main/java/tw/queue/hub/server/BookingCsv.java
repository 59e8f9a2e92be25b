package tw.queue.hub.server;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tw.queue.config.OfficeConfig;
import tw.queue.config.ServiceDef;
import tw.queue.domain.Command;

/**
 * The day's online bookings as the booking site exports them: a CSV file (UTF-8, with or without a BOM; Excel's
 * quoting) of time, service, booking code and masked name, under a header row. Every row is checked before any
 * is booked; rows are numbered as a spreadsheet shows them (the header is row 1), columns by letter. The masked
 * name is only checked (a file with full names must not be passed around), never kept: tickets carry no
 * personal data. Parsing is jackson-dataformat-csv's.
 */
final class BookingCsv {
    static final int COLUMNS = 4;
    /** The letters a spreadsheet shows over the columns. */
    private static final String[] LETTERS = {"A", "B", "C", "D"};
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{4,32}");
    /** H:mm or H:mm:ss, as a spreadsheet may rewrite 09:30. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]", Locale.ROOT);
    /** What booking sites and spreadsheets hide letters with: ○ 〇 ◯ ● * ＊ × X x. */
    private static final String MASKS = "○〇◯●*＊×Xx";
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    /** One thing wrong in the file: its row as a spreadsheet counts, its column letter (or null), code, args. */
    record Problem(int row, String column, String error, List<Object> args) {
    }

    /** The bookings, when the whole file is good; otherwise every problem found, nothing to book. */
    record Result(List<Command.Booking> bookings, List<Problem> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The file could not be read as CSV at all (not UTF-8, an unclosed quote): 400 with this code at this row. */
    static final class Unreadable extends Exception {
        final String error;
        final int row;

        Unreadable(String error, int row) {
            super(error + " at row " + row);
            this.error = error;
            this.row = row;
        }
    }

    private BookingCsv() {
    }

    /**
     * @param date the day the bookings are for, in the office's time zone
     * @param booked whether a booking code is already known to the hub
     */
    static Result read(byte[] body, LocalDate date, OfficeConfig office, Predicate<String> booked)
            throws Unreadable {
        List<String[]> rows = rows(text(body));
        List<Problem> problems = new ArrayList<>();
        List<Command.Booking> bookings = new ArrayList<>();
        if (rows.isEmpty() || rows.stream().skip(1).allMatch(BookingCsv::blank)) {
            problems.add(new Problem(rows.isEmpty() ? 1 : 2, null, "csv-no-bookings", List.of()));
            return new Result(List.of(), problems);
        }
        if (rows.get(0).length != COLUMNS) {
            problems.add(new Problem(1, null, "csv-column-count", List.of(rows.get(0).length, COLUMNS)));
        }
        ZoneId zone = office.timezone();
        Map<String, Integer> codeRows = new HashMap<>();
        for (int i = 1; i < rows.size(); i++) {
            String[] r = rows.get(i);
            int row = i + 1;
            if (blank(r)) {
                continue;
            }
            if (r.length != COLUMNS) {
                problems.add(new Problem(row, null, "csv-column-count", List.of(r.length, COLUMNS)));
                continue;
            }
            int before = problems.size();
            String time = r[0].trim();
            LocalTime at = null;
            try {
                at = LocalTime.parse(time, TIME);
            } catch (DateTimeParseException e) {
                problems.add(new Problem(row, LETTERS[0], "csv-malformed-time", List.of(time)));
            }
            Optional<ServiceDef> service = service(office, r[1].trim());
            if (service.isEmpty()) {
                problems.add(new Problem(row, LETTERS[1], "csv-unknown-service", List.of(r[1].trim())));
            }
            String code = r[2].trim();
            if (!CODE.matcher(code).matches()) {
                problems.add(new Problem(row, LETTERS[2], "csv-malformed-code", List.of(code)));
            } else if (codeRows.containsKey(code)) {
                problems.add(new Problem(row, LETTERS[2], "csv-duplicate-code", List.of(code, codeRows.get(code))));
            } else if (booked.test(code)) {
                problems.add(new Problem(row, LETTERS[2], "csv-existing-code", List.of(code)));
            }
            codeRows.putIfAbsent(code, row);
            if (!masked(r[3].trim())) {
                problems.add(new Problem(row, LETTERS[3], "csv-name-not-masked", List.of()));
            }
            if (problems.size() == before) {
                bookings.add(new Command.Booking(code, service.get().id(), date.atTime(at).atZone(zone).toInstant()));
            }
        }
        return problems.isEmpty() ? new Result(bookings, List.of()) : new Result(List.of(), problems);
    }

    /**
     * A service by its id or by any of its names, whole or without the examples in brackets (戶籍登記 for
     * 戶籍登記（出生、結婚…）), as a booking site's export may name it.
     */
    private static Optional<ServiceDef> service(OfficeConfig office, String name) {
        return office.services().stream()
                .filter(s -> s.id().equals(name) || s.names().texts().values().stream()
                        .anyMatch(n -> n.equals(name) || shortName(n).equals(name)))
                .findFirst();
    }

    private static String shortName(String name) {
        return name.replaceFirst("\\s*[（(].*$", "").trim();
    }

    /** Some letters hidden, and no more than two in three shown (王○明, 陳○, J*** C****; not 王小明). */
    static boolean masked(String name) {
        int hidden = 0;
        int shown = 0;
        for (int cp : name.codePoints().toArray()) {
            if (MASKS.indexOf(cp) >= 0) {
                hidden++;
            } else if (!Character.isWhitespace(cp)) {
                shown++;
            }
        }
        return hidden > 0 && shown * 3 <= (hidden + shown) * 2;
    }

    private static boolean blank(String[] row) {
        for (String c : row) {
            if (!c.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8, strictly (a file saved as Big5 is refused, not misread), without its byte-order mark. */
    private static String text(byte[] body) throws Unreadable {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new Unreadable("csv-not-utf8", 1);
        }
    }

    private static List<String[]> rows(String text) throws Unreadable {
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvSchema.emptySchema())
                .readValues(text)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("csv-malformed", rows.size() + 1);
        }
        return rows;
    }
}
