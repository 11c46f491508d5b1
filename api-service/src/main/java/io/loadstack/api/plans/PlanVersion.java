package io.loadstack.api.plans;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A version of a plan: the exact files a launch of it runs with, the main file first. Never changes once made. */
public record PlanVersion(int number, String uploadedBy, Instant createdAt, List<PlanFile> files) {

    /**
     * @throws UnsafeFileNameException    when a name could escape the agent's work directory or is not printable
     * @throws DuplicateFileNameException when two files share a name
     */
    static PlanVersion of(int number, String uploadedBy, Instant createdAt, List<PlanFile> files) {
        if (files.isEmpty() || !files.get(0).main() || files.stream().skip(1).anyMatch(PlanFile::main)) {
            throw new IllegalArgumentException("a version has one main file, first");
        }
        Set<String> names = new HashSet<>();
        for (PlanFile file : files) {
            FileNames.requireSafe(file.name());
            if (!names.add(file.name())) {
                throw new DuplicateFileNameException(file.name());
            }
        }
        return new PlanVersion(number, uploadedBy, createdAt, List.copyOf(files));
    }

    public PlanFile main() {
        return files.get(0);
    }

    public Optional<PlanFile> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
