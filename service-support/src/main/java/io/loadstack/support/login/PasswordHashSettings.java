package io.loadstack.support.login;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How hard passwords are hashed ({@code loadstack.passwords.*}).
 *
 * @param bcryptCost bcrypt's work factor: each step doubles the time of a check. 10 is about 50 ms on a small
 *                   server, slow for an attacker and fine for a login. The test suites lower it to bcrypt's least,
 *                   4, because they create and check hundreds of passwords; a stored hash keeps its own cost, so
 *                   passwords hashed at any cost keep working when it changes.
 */
@ConfigurationProperties("loadstack.passwords")
public record PasswordHashSettings(@Bindable(defaultValue = "10") @Min(4) @Max(16) int bcryptCost) {
}
