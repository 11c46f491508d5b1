package io.loadstack.api.auth;

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

/** {@code POST /auth} and {@code POST /login}: username and password in, a signed JWT out. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {

    private final PasswordLogin login;

    public AuthController(PasswordLogin login) {
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
