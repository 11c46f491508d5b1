package io.loadstack.support.login;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How failed logins are slowed down ({@code loadstack.login.*}).
 *
 * @param freeFailures failures in a window before the first wait
 * @param maxDelay     the longest wait, however many failures: an attacker cannot lock the user out for longer
 * @param window       how long a failure is remembered
 */
@ConfigurationProperties("loadstack.login")
public record LoginSettings(@Bindable(defaultValue = "5") int freeFailures,
                            @Bindable(defaultValue = "60s") Duration maxDelay,
                            @Bindable(defaultValue = "15m") Duration window) {
}
