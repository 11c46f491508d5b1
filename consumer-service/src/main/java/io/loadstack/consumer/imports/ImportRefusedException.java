package io.loadstack.consumer.imports;

/** The upload is not a Gatling run this consumer can read (400): the message says what it is instead. */
public class ImportRefusedException extends RuntimeException {

    public ImportRefusedException(String message) {
        super(message, null, false, false);
    }
}
