package io.loadstack.consumer.imports;

/** This very simulation.log was imported before (409): its run exists, with the uuid the answer names. */
public class AlreadyImportedException extends RuntimeException {

    private final String uuid;

    public AlreadyImportedException(String uuid) {
        super("this simulation.log was imported already, as run " + uuid, null, false, false);
        this.uuid = uuid;
    }

    public String uuid() {
        return uuid;
    }
}
