package io.loadstack.api.plans;

/**
 * One file of a plan version, pinned by the hash of its content.
 *
 * @param main whether this is the generator's entry point (the .jmx or the locustfile); the others are data files
 */
public record PlanFile(String name, long size, String sha256, boolean main) {
}
