package io.loadstack.api.plans;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * The form parts of a plan upload, read and checked against the limits: its temporary files must be deleted
 * with {@link #close()} once stored.
 */
final class PlanUpload implements AutoCloseable {

    @Nullable
    private final String name;
    @Nullable
    private final String generator;
    private final UploadedFile main;
    private final List<UploadedFile> dataFiles;

    PlanUpload(@Nullable String name, @Nullable String generator, UploadedFile main, List<UploadedFile> dataFiles) {
        this.name = name;
        this.generator = generator;
        this.main = main;
        this.dataFiles = List.copyOf(dataFiles);
    }

    @Nullable
    String name() {
        return name;
    }

    /**
     * @param otherwise the generator when the form names none (a new version of a plan), or null when it must
     * @throws BadPlanUploadException    when the form names none and none is given
     * @throws UnknownGeneratorException when the form names one Loadstack does not run
     */
    Generator generator(@Nullable Generator otherwise) {
        if (generator == null || generator.isBlank()) {
            if (otherwise == null) {
                throw new BadPlanUploadException("the form part 'generator' is missing: use one of " + Generator.allowed());
            }
            return otherwise;
        }
        return Generator.named(generator.strip());
    }

    UploadedFile main() {
        return main;
    }

    /** Every file, the main one first. */
    List<UploadedFile> files() {
        List<UploadedFile> all = new ArrayList<>();
        all.add(main);
        all.addAll(dataFiles);
        return all;
    }

    List<PlanFile> planFiles() {
        List<PlanFile> files = new ArrayList<>();
        files.add(main.asPlanFile(true));
        dataFiles.forEach(f -> files.add(f.asPlanFile(false)));
        return files;
    }

    @Override
    public void close() {
        files().forEach(UploadedFile::delete);
    }
}
