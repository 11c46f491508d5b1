package io.loadstack.support.mfa;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The second factor ({@code loadstack.mfa.*}).
 *
 * @param key                  {@code LOADSTACK_MFA_KEY}: encrypts the TOTP secrets at rest; {@link MfaKeyCheck}
 *                             refuses a missing or short one
 * @param issuer               the name authenticator apps show beside the account
 * @param challengeLifetime    how long the step between the password and the code may take
 * @param attemptsPerChallenge wrong codes one sign-in step takes before the password must be given again
 */
@ConfigurationProperties("loadstack.mfa")
public record MfaSettings(@Nullable String key,
                          @Bindable(defaultValue = "Loadstack") String issuer,
                          @Bindable(defaultValue = "5m") Duration challengeLifetime,
                          @Bindable(defaultValue = "10") int attemptsPerChallenge) {
}
