package io.loadstack.api.tokens;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Serdeable
public record CreateTokenRequest(@NotBlank @Size(max = 100) String name) {
}
