package io.loadstack.agent.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of one assignment in a work directory of their own, each verified (size and SHA-256) before it
 * is there. The generator runs in that directory and may change what it finds, so each file is a copy of
 * the cache's content, never the cached file itself. {@link #delete()} removes the directory when the
 * assignment ends.
 */
public final class PlanFiles {

    private final Path directory;

    private PlanFiles(Path directory) {
        this.directory = directory;
    }

    /**
     * Fetches the files (from the cache when it has them) into a fresh directory under {@code workRoot}.
     * On any failure nothing is left behind: the directory is deleted.
     *
     * @throws PlanFileException naming the file that could not be had, or a name given twice
     */
    public static PlanFiles fetch(FileCache cache, Path workRoot, List<PlanFile> files) throws InterruptedException {
        requireDistinctNames(files);
        Path directory;
        try {
            Files.createDirectories(workRoot);
            directory = Files.createTempDirectory(workRoot, "assignment-");
        } catch (IOException e) {
            throw new PlanFileException("cannot make a work directory under " + workRoot + ": " + e, e);
        }
        return fill(cache, directory, files);
    }

    /**
     * As {@link #fetch}, into {@code directory} itself (a launch's {@code launch-<id>}); whatever an earlier
     * agent process left there is deleted first.
     */
    public static PlanFiles fetchInto(FileCache cache, Path directory, List<PlanFile> files) throws InterruptedException {
        requireDistinctNames(files);
        try {
            new PlanFiles(directory).delete();
            Files.createDirectories(directory);
        } catch (IOException | UncheckedIOException e) {
            throw new PlanFileException("cannot make the work directory " + directory + ": " + e, e);
        }
        return fill(cache, directory, files);
    }

    private static void requireDistinctNames(List<PlanFile> files) {
        Set<String> names = new HashSet<>();
        for (PlanFile file : files) {
            if (!names.add(file.name())) {
                throw new PlanFileException("plan file " + PlanFile.quoted(file.name()) + " is named twice");
            }
        }
    }

    private static PlanFiles fill(FileCache cache, Path directory, List<PlanFile> files) throws InterruptedException {
        PlanFiles planFiles = new PlanFiles(directory);
        try {
            for (PlanFile file : files) {
                planFiles.place(file, cache.content(file));
            }
            return planFiles;
        } catch (RuntimeException | InterruptedException e) {
            planFiles.deleteAfter(e);
            throw e;
        }
    }

    private void place(PlanFile file, Path content) {
        Path target = directory.resolve(file.name()).normalize();
        if (!directory.equals(target.getParent())) {
            // PlanFile refuses such names already; this holds whatever the file system makes of a name.
            throw new PlanFileException("plan file " + PlanFile.quoted(file.name()) + " would land outside the work directory");
        }
        try {
            Files.copy(content, target);
        } catch (IOException e) {
            throw new PlanFileException("plan file " + PlanFile.quoted(file.name()) + ": cannot write it into " + directory + ": " + e, e);
        }
    }

    /** The work directory an earlier fetch made (or failed to make), to delete it. */
    public static PlanFiles at(Path directory) {
        return new PlanFiles(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Removes the work directory and everything in it, whatever the generator left there. Twice is fine. */
    public void delete() {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // deleted meanwhile: what was asked for
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the work directory " + directory, e);
        }
    }

    private void deleteAfter(Exception failure) {
        try {
            delete();
        } catch (UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }
}
