package io.loadstack.api.plans;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the plan routes answer. */
public final class PlanResponses {

    private PlanResponses() {
    }

    /** A file of a version; {@code main} marks the generator's entry point, always the first. */
    @Serdeable
    public record File(String name, long size, String sha256, boolean main) {

        static List<File> of(PlanVersion version) {
            return version.files().stream().map(f -> new File(f.name(), f.size(), f.sha256(), f.main())).toList();
        }
    }

    /** A plan at one version (the latest in lists, the new one after an upload). */
    @Serdeable
    public record Summary(long id, String name, String generator, int version, String owner, Instant createdAt,
                          String uploadedBy, Instant uploadedAt, List<File> files) {

        static Summary of(Plan plan, PlanVersion version) {
            return new Summary(plan.id(), plan.name(), plan.generator().wireName(), version.number(), plan.owner(), plan.createdAt(),
                    version.uploadedBy(), version.createdAt(), File.of(version));
        }

        static Summary latest(Plan plan) {
            return of(plan, plan.latest());
        }
    }

    @Serdeable
    public record Version(int version, String uploadedBy, Instant createdAt, List<File> files) {
    }

    /** A plan with its latest version's fields and every version, newest first. */
    @Serdeable
    public record Detail(long id, String name, String generator, int version, String owner, Instant createdAt,
                         List<File> files, List<Version> versions) {

        static Detail of(Plan plan) {
            PlanVersion latest = plan.latest();
            List<Version> versions = new ArrayList<>(plan.versions().stream()
                    .map(v -> new Version(v.number(), v.uploadedBy(), v.createdAt(), File.of(v)))
                    .toList());
            Collections.reverse(versions);
            return new Detail(plan.id(), plan.name(), plan.generator().wireName(), latest.number(), plan.owner(), plan.createdAt(),
                    File.of(latest), versions);
        }
    }
}
