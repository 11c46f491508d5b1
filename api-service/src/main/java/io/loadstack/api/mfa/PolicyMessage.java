package io.loadstack.api.mfa;

import io.loadstack.support.mfa.MfaRequirement;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/** {@code GET/PUT /api/mfa-policy}: who must have a second factor, {@code NONE}, {@code ADMINS} or {@code EVERYONE}. */
@Serdeable
public record PolicyMessage(@NotNull MfaRequirement requirement) {
}
