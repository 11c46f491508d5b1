package io.loadstack.dashboard.auth;

import io.loadstack.support.login.LoginRequest;
import io.loadstack.support.login.PasswordLogin;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/**
 * {@code POST /login} (and {@code /auth}): the api-service's users and bcrypt hashes, the shared JWT secret.
 * A token from either service works on the other. Password guessing is slowed by the same throttle as
 * on the api-service (the shared {@link PasswordLogin}).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginController {

    private final PasswordLogin login;

    public LoginController(PasswordLogin login) {
        this.login = login;
    }

    @Post("/auth")
    public HttpResponse<?> auth(@Valid @Body LoginRequest request, HttpRequest<?> http) {
        return login.login(request, http);
    }

    @Post("/login")
    public HttpResponse<?> login(@Valid @Body LoginRequest request, HttpRequest<?> http) {
        return login.login(request, http);
    }
}
