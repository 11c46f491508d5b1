package io.loadstack.provisioner;

import java.sql.SQLException;

/** The database did not answer a statement the provisioner needs; the loop tries again at its next tick. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String what, SQLException cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
