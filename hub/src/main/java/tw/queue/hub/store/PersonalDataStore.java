package tw.queue.hub.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import tw.queue.domain.Event;
import tw.queue.wire.EventTypes;

/**
 * Deletes what citizens themselves gave, once it is older than the privacy horizon: the free text of ratings
 * ({@link Event.TicketRated#comment()}) and booking codes ({@link Event.AppointmentBooked#code()},
 * {@link Event.TicketIssued#appointmentCode()}). Everything the statistics count stays (the rating itself, the
 * times, the service). Masked names from booking files are checked on import and never stored. Used on the
 * writer's thread, like every write to the database.
 */
public final class PersonalDataStore {
    /** What a deleted booking code reads as afterwards (kept non-null so an old event still folds). */
    public static final String REDACTED = "-";

    private final HubDatabase db;

    public PersonalDataStore(HubDatabase db) {
        this.db = db;
    }

    /** What one pass deleted. */
    public record Deleted(int comments, int bookingCodes) {
        public int total() {
            return comments + bookingCodes;
        }
    }

    /**
     * Deletes the personal data of the office days from {@code fromDay} (inclusive) to {@code toDay}
     * (exclusive), ISO dates, in one transaction; the (day, type) index keeps a pass over a few days short.
     */
    public Deleted deleteDays(String fromDay, String toDay) throws SQLException {
        try {
            int comments = update(Sql.CLEAR_COMMENT, EventTypes.of(Event.TicketRated.class).name(), fromDay, toDay);
            int codes = update(Sql.REDACT_BOOKING_CODE, EventTypes.of(Event.AppointmentBooked.class).name(),
                    fromDay, toDay)
                    + update(Sql.REDACT_ISSUED_CODE, EventTypes.of(Event.TicketIssued.class).name(), fromDay, toDay);
            db.connection().commit();
            return new Deleted(comments, codes);
        } catch (SQLException e) {
            // not just a rollback: a failed COMMIT may have left the shared connection in autocommit
            db.recoverQuietly(e);
            throw e;
        } catch (RuntimeException e) {
            db.rollbackQuietly();
            throw e;
        }
    }

    private int update(String sql, String type, String fromDay, String toDay) throws SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, fromDay);
            ps.setString(2, toDay);
            ps.setString(3, type);
            return ps.executeUpdate();
        }
    }

    /** The first office day in the log (ISO date), if any. */
    public java.util.Optional<String> firstDay() throws SQLException {
        try (java.sql.Statement s = db.connection().createStatement();
             java.sql.ResultSet rs = s.executeQuery(Sql.FIRST_DAY)) {
            return java.util.Optional.ofNullable(rs.next() ? rs.getString(1) : null);
        } finally {
            db.connection().commit();
        }
    }

    /** The JSON paths are the events' field names in the log (EventCodec writes record components by name). */
    private interface Sql {
        String FIRST_DAY = "SELECT MIN(day) FROM event";
        String CLEAR_COMMENT = "UPDATE event SET body = json_set(body, '$.comment', NULL) WHERE day >= ? AND day < ? AND type = ?"
                + " AND json_extract(body, '$.comment') IS NOT NULL";
        String REDACT_BOOKING_CODE = "UPDATE event SET body = json_set(body, '$.code', '" + REDACTED + "')"
                + " WHERE day >= ? AND day < ? AND type = ? AND json_extract(body, '$.code') <> '" + REDACTED + "'";
        String REDACT_ISSUED_CODE = "UPDATE event SET body = json_set(body, '$.appointmentCode', '" + REDACTED + "')"
                + " WHERE day >= ? AND day < ? AND type = ? AND json_extract(body, '$.appointmentCode') IS NOT NULL"
                + " AND json_extract(body, '$.appointmentCode') <> '" + REDACTED + "'";
    }
}
