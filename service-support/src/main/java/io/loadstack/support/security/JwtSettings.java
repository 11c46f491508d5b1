package io.loadstack.support.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The JWTs every service signs and checks ({@code LOADSTACK_JWT_SECRET}, {@code LOADSTACK_JWT_EXPIRATION_SECONDS}).
 *
 * @param secret            the HS256 secret, the same in every service; {@link JwtSecretCheck} refuses a missing
 *                          or short one
 * @param expirationSeconds how long a login's token is valid
 */
@ConfigurationProperties("loadstack.jwt")
public record JwtSettings(@Nullable String secret,
                          @Bindable(defaultValue = "3600") int expirationSeconds) {
}
