package io.loadstack.consumer.imports;

/** The upload inflates beyond the import's bounds (413): a zip bomb, or a run too large for one import. */
public class ImportTooLargeException extends RuntimeException {

    public ImportTooLargeException(String message) {
        super(message, null, false, false);
    }
}
