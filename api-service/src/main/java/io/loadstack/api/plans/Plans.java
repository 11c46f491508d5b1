package io.loadstack.api.plans;

import jakarta.inject.Singleton;

import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Uploading, reading and deleting plans: the aggregate's rules, applied in one transaction each. */
@Singleton
public class Plans {

    private final PlanStore store;

    Plans(PlanStore store) {
        this.store = store;
    }

    /** @throws InvalidMainFileException when the generator could not load the main file */
    Plan upload(PlanUpload upload, String owner) {
        Generator generator = upload.generator(null);
        Plan plan = Plan.upload(upload.name(), generator, owner, now(), upload.planFiles());
        MainFileCheck.check(generator, upload.main().name(), upload.main().content());
        long id = store.inTransaction("storing a plan", connection -> store.insertPlan(connection, plan, upload.files()));
        return find(id);
    }

    /**
     * @throws NoSuchPlanException        when there is no such plan
     * @throws GeneratorMismatchException when the upload names another generator than the plan's
     */
    Plan uploadVersion(long planId, PlanUpload upload, String uploadedBy) {
        return store.inTransaction("storing a plan version", connection -> {
            // Locked, so that two versions uploaded at once get consecutive numbers.
            Plan plan = store.find(connection, planId, true).orElseThrow(() -> noSuchPlan(planId));
            Generator generator = upload.generator(plan.generator());
            PlanVersion version = plan.uploadVersion(generator, uploadedBy, now(), upload.planFiles());
            MainFileCheck.check(generator, upload.main().name(), upload.main().content());
            store.insertVersion(connection, planId, version, upload.files());
            return plan;
        });
    }

    public Plan find(long id) {
        return store.inTransaction("reading a plan", connection -> store.find(connection, id, false)).orElseThrow(() -> noSuchPlan(id));
    }

    public List<Plan> all() {
        return store.inTransaction("listing plans", store::all);
    }

    /** @throws PlanDeletionForbiddenException when the user is neither the plan's owner nor an admin */
    void delete(long id, String username, boolean admin) {
        store.inTransaction("deleting a plan", connection -> {
            Plan plan = store.find(connection, id, true).orElseThrow(() -> noSuchPlan(id));
            plan.requireDeletableBy(username, admin);
            store.delete(connection, plan);
            return null;
        });
    }

    /** A file of a version with its content, read from the database a chunk at a time as the stream is read. */
    FileContent file(long planId, int version, String name) {
        PlanVersion pinned = find(planId).version(version)
                .orElseThrow(() -> new NoSuchPlanException("plan " + planId + " has no version " + version));
        PlanFile file = pinned.file(name)
                .orElseThrow(() -> new NoSuchPlanFileException(planId, version, name));
        int chunks = store.chunkCount(file.sha256());
        return new FileContent(file, pinned.createdAt(), new ChunkedContent(store, file.sha256(), chunks));
    }

    /**
     * Any stored content by its SHA-256, whichever plans refer to it: what agents download.
     *
     * @throws NoSuchContentException when no content has that hash
     */
    Content content(String sha256) {
        PlanStore.StoredContent stored = store.storedContent(sha256).orElseThrow(() -> new NoSuchContentException(sha256));
        return new Content(sha256, stored.size(), stored.storedAt(), new ChunkedContent(store, sha256, stored.chunks()));
    }

    record Content(String sha256, long size, Instant storedAt, InputStream stream) {
    }

    record FileContent(PlanFile file, Instant uploadedAt, InputStream content) {
    }

    private static NoSuchPlanException noSuchPlan(long id) {
        return new NoSuchPlanException("no plan " + id);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
