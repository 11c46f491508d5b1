package io.loadstack.support.login;

import io.loadstack.support.error.ErrorBody;
import io.loadstack.support.mfa.MfaMessages;
import io.loadstack.support.mfa.SecondFactorSignIn;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Username and password in, a signed JWT out — with the same throttle and answers on every service
 * that signs people in (the api-service on 8080, the health dashboard on 5000), so neither is a way
 * around the other's limits. A user with a second factor (or whom the policy requires to have one) gets,
 * instead of the JWT, the token of the next step ({@link SecondFactorSignIn}).
 */
@Singleton
@Requires(beans = LoginAccounts.class)
public class PasswordLogin {

    private final LoginAccounts accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final AccessTokens tokens;
    private final SecondFactorSignIn secondFactor;

    public PasswordLogin(LoginAccounts accounts, PasswordHasher hasher, LoginThrottle throttle,
                         AccessTokens tokens, SecondFactorSignIn secondFactor) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
        this.tokens = tokens;
        this.secondFactor = secondFactor;
    }

    public HttpResponse<?> login(LoginRequest request, HttpRequest<?> http) {
        String address = ClientAddress.of(http);
        Optional<Duration> wait = throttle.waitBefore(request.username(), address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(seconds))
                    .body(ErrorBody.of(429, "too many failed logins; try again in " + seconds + " s"));
        }
        Optional<LoginAccounts.LoginAccount> account = accounts.find(request.username());
        boolean valid;
        if (account.isPresent()) {
            valid = hasher.matches(request.password(), account.get().passwordHash());
        } else {
            hasher.burnTimeOfOneCheck(request.password());
            valid = false;
        }
        if (!valid) {
            throttle.failed(request.username(), address);
            tokens.failed(request.username(), account.isPresent() ? "wrong password" : "unknown user");
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(ErrorBody.of(401, "wrong username or password"));
        }
        throttle.succeeded(request.username());
        LoginAccounts.LoginAccount user = account.get();
        Optional<MfaMessages.Challenge> nextStep = secondFactor.challengeAfterPassword(user);
        if (nextStep.isPresent()) {
            return HttpResponse.ok(nextStep.get());
        }
        return HttpResponse.ok(tokens.signIn(user, AccessTokens.Factor.PASSWORD));
    }
}
