package io.loadstack.api.plans;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A test plan: a name, the generator that runs it (fixed for its life) and its versions, oldest first. A
 * change to a plan is a new version; a version never changes, so a launch can pin the one it ran.
 */
public final class Plan {

    static final int MAX_NAME_LENGTH = 200;

    private final Long id;
    private final String name;
    private final Generator generator;
    private final String owner;
    private final Instant createdAt;
    private final List<PlanVersion> versions;

    private Plan(@Nullable Long id, String name, Generator generator, String owner, Instant createdAt, List<PlanVersion> versions) {
        this.id = id;
        this.name = name;
        this.generator = generator;
        this.owner = owner;
        this.createdAt = createdAt;
        this.versions = new ArrayList<>(versions);
        this.versions.sort(Comparator.comparingInt(PlanVersion::number));
    }

    /**
     * A new plan with its first version, not yet stored.
     *
     * @throws BadPlanNameException when the name is blank, too long or not printable
     */
    static Plan upload(String name, Generator generator, String owner, Instant at, List<PlanFile> files) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw new BadPlanNameException("a plan needs a name");
        }
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new BadPlanNameException("a plan's name is at most " + MAX_NAME_LENGTH + " characters");
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw new BadPlanNameException("a plan's name may not hold control characters");
        }
        return new Plan(null, stripped, generator, owner, at, List.of(PlanVersion.of(1, owner, at, files)));
    }

    /** A plan as stored. */
    static Plan restore(long id, String name, Generator generator, String owner, Instant createdAt, List<PlanVersion> versions) {
        return new Plan(id, name, generator, owner, createdAt, versions);
    }

    /**
     * Adds the next version.
     *
     * @throws GeneratorMismatchException when the files are for another generator than the plan's
     */
    PlanVersion uploadVersion(Generator generatorOfFiles, String uploadedBy, Instant at, List<PlanFile> files) {
        if (generatorOfFiles != generator) {
            throw new GeneratorMismatchException(generator, generatorOfFiles);
        }
        PlanVersion version = PlanVersion.of(latest().number() + 1, uploadedBy, at, files);
        versions.add(version);
        return version;
    }

    /** Its owner (the first version's uploader) and admins may delete a plan; other users only read and launch it. */
    void requireDeletableBy(String username, boolean admin) {
        if (!admin && !owner.equals(username)) {
            throw new PlanDeletionForbiddenException(id, owner);
        }
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("the plan is not stored yet");
        }
        return id;
    }

    public String name() {
        return name;
    }

    public Generator generator() {
        return generator;
    }

    public String owner() {
        return owner;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public List<PlanVersion> versions() {
        return List.copyOf(versions);
    }

    public PlanVersion latest() {
        return versions.get(versions.size() - 1);
    }

    public Optional<PlanVersion> version(int number) {
        return versions.stream().filter(v -> v.number() == number).findFirst();
    }
}
