package io.loadstack.consumer.journal;

/** The journal holds as much unwritten data as it may; new data is refused until the writer catches up. */
public class JournalFullException extends RuntimeException {

    public JournalFullException(String message) {
        super(message, null, false, false);
    }

    static JournalFullException overLimit(long bytes, long limit) {
        return new JournalFullException("the journal holds " + bytes + " bytes not yet written to MySQL (limit " + limit + ")");
    }
}
