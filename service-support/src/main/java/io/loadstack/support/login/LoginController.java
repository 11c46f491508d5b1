package io.loadstack.support.login;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.micronaut.context.annotation.Requires;
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
 * {@code POST /auth} and {@code POST /login} (the same; old clients use either): username and password in,
 * a signed JWT out, on every service that signs people in. A token from one works on the others.
 */
@SecurityRequirements // open: no token
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = LoginAccounts.class)
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
