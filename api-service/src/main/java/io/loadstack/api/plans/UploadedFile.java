package io.loadstack.api.plans;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One uploaded file, copied to a temporary file of its own while its hash was computed. */
record UploadedFile(String name, long size, String sha256, Path content) {

    PlanFile asPlanFile(boolean main) {
        return new PlanFile(name, size, sha256, main);
    }

    void delete() {
        try {
            Files.deleteIfExists(content);
        } catch (IOException ignored) {
            // A temporary file left behind is the OS's to clean; the upload's answer does not depend on it.
        }
    }
}
