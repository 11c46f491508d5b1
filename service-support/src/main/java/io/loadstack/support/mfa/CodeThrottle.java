package io.loadstack.support.mfa;

import io.loadstack.support.login.LoginSettings;
import io.loadstack.support.login.LoginThrottle;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Slows down guessing second-factor codes per user and per address, with the password throttle's rules but
 * counters of its own: a right password clears the password counters, and must not clear these, or knowing the
 * password would buy fresh guesses at the code.
 */
@Singleton
@Requires(property = "loadstack.login.enabled", value = "true")
public class CodeThrottle {

    private final LoginThrottle throttle;

    public CodeThrottle(LoginSettings settings) {
        this.throttle = new LoginThrottle(settings);
    }

    /** @throws TooManyCodesException when this user or address must wait before another code */
    public void requireNoWait(String username, String address) {
        throttle.waitBefore(username, address).ifPresent(wait -> {
            throw new TooManyCodesException(wait);
        });
    }

    public void failed(String username, String address) {
        throttle.failed(username, address);
    }

    public void succeeded(String username) {
        throttle.succeeded(username);
    }

    @Scheduled(fixedDelay = "1m")
    void forgetExpired() {
        throttle.forgetExpired();
    }
}
