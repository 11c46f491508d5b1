package io.loadstack.support.login;

import io.loadstack.support.error.ErrorBody;
import io.loadstack.support.security.JwtSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Username and password in, a signed JWT out — with the same throttle and answers on every service
 * that signs people in (the api-service on 8080, the health dashboard on 5000), so neither is a way
 * around the other's limits.
 */
@Singleton
@Requires(beans = LoginAccounts.class)
public class PasswordLogin {

    private final LoginAccounts accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final TokenGenerator tokens;
    private final JwtSettings jwt;

    public PasswordLogin(LoginAccounts accounts, PasswordHasher hasher, LoginThrottle throttle,
                         TokenGenerator tokens, JwtSettings jwt) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
        this.tokens = tokens;
        this.jwt = jwt;
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
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(ErrorBody.of(401, "wrong username or password"));
        }
        throttle.succeeded(request.username());
        LoginAccounts.LoginAccount user = account.get();
        List<String> roles = List.of(user.role());
        Authentication authentication = Authentication.build(user.username(), roles,
                Map.of(RemovedAccountFilter.ACCOUNT_ID_CLAIM, user.id()));
        int expiresIn = jwt.expirationSeconds();
        String token = tokens.generateToken(authentication, expiresIn)
                .orElseThrow(() -> new IllegalStateException("JWT generation failed"));
        return HttpResponse.ok(new LoginResponse(token, "Bearer", expiresIn, user.username(), roles));
    }
}
