package io.loadstack.api.auth;

import io.loadstack.api.users.PasswordHasher;
import io.loadstack.api.users.User;
import io.loadstack.api.users.UserAccounts;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /auth} and {@code POST /login}: username and password in, a signed JWT out. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {

    private final UserAccounts accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final TokenGenerator tokens;
    private final AccessTokenConfiguration tokenConfiguration;

    public AuthController(UserAccounts accounts, PasswordHasher hasher, LoginThrottle throttle,
                          TokenGenerator tokens, AccessTokenConfiguration tokenConfiguration) {
        this.accounts = accounts;
        this.hasher = hasher;
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
        Optional<User> user = accounts.find(request.username());
        boolean valid;
        if (user.isPresent()) {
            valid = hasher.matches(request.password(), user.get().passwordHash());
        } else {
            hasher.burnTimeOfOneCheck(request.password());
            valid = false;
        }
        if (!valid) {
            throttle.failed(request.username(), address);
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(ErrorBody.of(401, "wrong username or password"));
        }
        throttle.succeeded(request.username());
        List<String> roles = List.of(user.get().role().name());
        Authentication authentication = Authentication.build(user.get().username(), roles,
                Map.of("uid", user.get().id()));
        int expiresIn = tokenConfiguration.getExpiration();
        String token = tokens.generateToken(authentication, expiresIn)
                .orElseThrow(() -> new IllegalStateException("JWT generation failed"));
        return HttpResponse.ok(new LoginResponse(token, "Bearer", expiresIn, user.get().username(), roles));
    }
}
