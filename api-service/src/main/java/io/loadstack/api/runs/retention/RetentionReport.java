package io.loadstack.api.runs.retention;

/** What one pass of retention did: runs it deleted, and runs as old that it kept. */
public record RetentionReport(int deleted, long keptPinned, long keptBaselines) {

    static final RetentionReport NOTHING = new RetentionReport(0, 0, 0);

    String describe(RetentionAge age) {
        return "deleted " + deleted + (deleted == 1 ? " run" : " runs") + " older than " + age
                + " (kept " + keptPinned + " pinned, " + keptBaselines + (keptBaselines == 1 ? " baseline)" : " baselines)");
    }
}
