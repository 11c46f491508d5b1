package io.loadstack.api.launches;

import io.micronaut.serde.annotation.Serdeable;

/** A file of the plan version a launch runs, as agents fetch it: {@code GET /api/agent/files/{sha256}}. */
@Serdeable
public record LaunchFile(String name, long size, String sha256) {
}
