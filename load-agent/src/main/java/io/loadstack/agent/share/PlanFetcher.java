package io.loadstack.agent.share;

import io.loadstack.agent.plan.PlanFile;
import io.loadstack.agent.plan.PlanFiles;

import java.nio.file.Path;
import java.util.List;

/** Fetches a share's plan files into its work directory ({@code PlanFiles.fetchInto} with the agent's cache). */
@FunctionalInterface
public interface PlanFetcher {

    /** @throws io.loadstack.agent.plan.PlanFileException naming the file that could not be had */
    PlanFiles fetch(Path directory, List<PlanFile> files) throws InterruptedException;
}
