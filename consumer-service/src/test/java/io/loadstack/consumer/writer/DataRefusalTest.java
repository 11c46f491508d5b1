package io.loadstack.consumer.writer;

import com.mysql.cj.jdbc.exceptions.CommunicationsException;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.DataTruncation;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataRefusalTest {

    @Test
    void aTimeOutOfRangeAValueTooLongOrABrokenConstraintIsARefusalOfTheData() {
        assertTrue(DataRefusal.isRefusalOfTheData(new DataTruncation(7, true, false, 10, 5)));
        assertTrue(DataRefusal.isRefusalOfTheData(new SQLException("Incorrect datetime value", "22007", 1292)));
        assertTrue(DataRefusal.isRefusalOfTheData(new SQLIntegrityConstraintViolationException("Column cannot be null", "23000")));
        BatchUpdateException batch = new BatchUpdateException("batch failed", "HY000", new int[0]);
        batch.setNextException(new SQLException("Data too long for column", "22001"));
        assertTrue(DataRefusal.isRefusalOfTheData(batch), "the reason a batch gives after its own");
    }

    @Test
    void anUnreachableMySqlIsNeverARefusalOfTheData() {
        assertFalse(DataRefusal.isRefusalOfTheData(new SQLTransientConnectionException("Connection is not available, request timed out")));
        assertFalse(DataRefusal.isRefusalOfTheData(new SQLNonTransientConnectionException("Could not create connection")));
        assertFalse(DataRefusal.isRefusalOfTheData(new CommunicationsException("Communications link failure", null)));
        assertFalse(DataRefusal.isRefusalOfTheData(new SQLException("lost", "08S01")));
        assertFalse(DataRefusal.isRefusalOfTheData(new SQLException("Deadlock found", "40001")), "retried, not set aside");
        assertFalse(DataRefusal.isRefusalOfTheData(new SQLException("no state")));
        SQLException lostWhileRefusing = new SQLException("rollback failed", "08S01", new SQLException("Data too long", "22001"));
        assertFalse(DataRefusal.isRefusalOfTheData(lostWhileRefusing), "a lost connection wins: nothing is set aside on doubt");
    }
}
