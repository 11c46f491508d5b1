package io.loadstack.consumer.writer;

import java.sql.DataTruncation;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a write MySQL refuses for what it holds (a time out of range, a value too long, a broken constraint:
 * SQLState classes 22 and 23) from one that failed for any other reason. Only the first kind may be set aside:
 * writing it again can never succeed. Anything else, above all MySQL being unreachable (class 08), is retried,
 * since the journal has promised that nothing acknowledged is lost.
 */
final class DataRefusal {

    private DataRefusal() {
    }

    static boolean isRefusalOfTheData(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isConnectionFailure(cause)) {
                return false;
            }
            if (cause instanceof SQLDataException || cause instanceof SQLIntegrityConstraintViolationException
                    || cause instanceof DataTruncation) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
            if (cause.getCause() == null && cause instanceof SQLException sql && sql.getNextException() != null) {
                return isRefusalOfTheData(sql.getNextException());
            }
        }
        return false;
    }

    static boolean isConnectionFailure(Throwable failure) {
        return failure instanceof SQLTransientConnectionException || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLRecoverableException
                || failure instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }
}
