package io.loadstack.api.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Times to and from DATETIME(3) columns as UTC text: Connector/J takes MariaDB for a server without
 * fractional seconds and drops the milliseconds of a Timestamp.
 */
public final class SqlTime {

    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter().withZone(ZoneOffset.UTC);

    private SqlTime() {
    }

    public static void set(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, DATETIME.format(time));
        }
    }

    public static Instant get(ResultSet result, String column) throws SQLException {
        return parse(result.getString(column));
    }

    public static Instant get(ResultSet result, int index) throws SQLException {
        return parse(result.getString(index));
    }

    public static String text(Instant time) {
        return DATETIME.format(time);
    }

    private static Instant parse(String text) {
        return text == null ? null : LocalDateTime.parse(text, DATETIME).toInstant(ZoneOffset.UTC);
    }
}
