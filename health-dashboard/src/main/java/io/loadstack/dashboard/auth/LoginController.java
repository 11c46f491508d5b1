package io.loadstack.dashboard.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.validation.Valid;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /login} (and {@code /auth}): the api-service's users and bcrypt hashes, the shared JWT secret.
 * A token from either service works on the other. Password guessing is slowed by the same throttle as
 * on the api-service.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginController {

    /** bcrypt reads 72 bytes at most; longer passwords were never accepted by the api-service either. */
    private static final int MAX_PASSWORD_BYTES = 72;

    private final AccountRepository accounts;
    private final LoginThrottle throttle;
    private final TokenGenerator tokens;
    private final AccessTokenConfiguration tokenConfiguration;
    /** So that an unknown username costs as long as a wrong password (no user enumeration by timing). */
    private final String dummyHash = BCrypt.withDefaults().hashToString(10, "no-such-user".toCharArray());

    public LoginController(AccountRepository accounts, LoginThrottle throttle, TokenGenerator tokens,
                           AccessTokenConfiguration tokenConfiguration) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.tokens = tokens;
        this.tokenConfiguration = tokenConfiguration;
    }

    @Post("/auth")
    public HttpResponse<?> auth(@Valid @Body LoginRequest request, HttpRequest<?> http) {
        return login(request, http);
    }

    @Post("/login")
    public HttpResponse<?> login(@Valid @Body LoginRequest request, HttpRequest<?> http) {
        String address = ClientAddress.of(http);
        Optional<Duration> wait = throttle.waitBefore(request.username(), address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(seconds))
                    .body(ErrorBody.of(429, "too many failed logins; try again in " + seconds + " s"));
        }
        Optional<Account> account = accounts.findByUsername(request.username());
        boolean valid = matches(request.password(), account.map(Account::passwordHash).orElse(dummyHash))
                && account.isPresent();
        if (!valid) {
            throttle.failed(request.username(), address);
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(ErrorBody.of(401, "wrong username or password"));
        }
        throttle.succeeded(request.username());
        Account user = account.get();
        List<String> roles = List.of(user.role());
        Authentication authentication = Authentication.build(user.username(), roles, Map.of("uid", user.id()));
        int expiresIn = tokenConfiguration.getExpiration();
        String token = tokens.generateToken(authentication, expiresIn)
                .orElseThrow(() -> new IllegalStateException("JWT generation failed"));
        return HttpResponse.ok(new LoginResponse(token, "Bearer", expiresIn, user.username(), roles));
    }

    private static boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }
}
