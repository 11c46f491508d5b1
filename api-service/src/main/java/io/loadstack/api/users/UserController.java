package io.loadstack.api.users;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import io.loadstack.support.mfa.SecondFactors;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.util.List;
import java.util.Map;
import java.util.Set;

@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class UserController {

    private final UserAccounts accounts;
    private final SecondFactors secondFactors;
    private final AuditTrail audit;

    public UserController(UserAccounts accounts, SecondFactors secondFactors, AuditTrail audit) {
        this.accounts = accounts;
        this.secondFactors = secondFactors;
        this.audit = audit;
    }

    @Get("/user")
    public UserResponse currentUser(Authentication authentication) {
        User user = accounts.signedIn(authentication);
        return UserResponse.of(user, secondFactors.hasConfirmed(user.id()));
    }

    @Status(HttpStatus.NO_CONTENT)
    @Put("/user/password")
    public HttpResponse<Void> changeOwnPassword(Authentication authentication, @Valid @Body UserRequests.ChangeOwnPassword request) {
        accounts.changeOwnPassword(authentication.getName(), request.currentPassword(), request.newPassword());
        audit.record(authentication.getName(), AuditAction.PASSWORD_CHANGED, Map.of("user", authentication.getName()));
        return HttpResponse.noContent();
    }

    @Get("/users")
    @Secured("ADMIN")
    public List<UserResponse> list() {
        Set<Long> withSecondFactor = secondFactors.confirmedUserIds();
        return accounts.all().stream().map(user -> UserResponse.of(user, withSecondFactor.contains(user.id()))).toList();
    }

    @Status(HttpStatus.CREATED)
    @Post("/users")
    @Secured("ADMIN")
    public HttpResponse<UserResponse> create(@Valid @Body UserRequests.CreateUser request, Authentication authentication) {
        Role role = request.role() == null ? Role.USER : request.role();
        UserResponse created = UserResponse.of(accounts.create(request.username(), request.password(), role), false);
        audit.record(authentication.getName(), AuditAction.USER_CREATED, Map.of("user", created.username(), "role", role.name()));
        return HttpResponse.created(created);
    }

    @Status(HttpStatus.NO_CONTENT)
    @Delete("/users/{username}")
    @Secured("ADMIN")
    public HttpResponse<Void> remove(@PathVariable String username, Authentication authentication) {
        accounts.remove(username, authentication.getName());
        audit.record(authentication.getName(), AuditAction.USER_DELETED, Map.of("user", username));
        return HttpResponse.noContent();
    }

    @Status(HttpStatus.NO_CONTENT)
    @Put("/users/{username}/password")
    @Secured("ADMIN")
    public HttpResponse<Void> resetPassword(@PathVariable String username, @Valid @Body UserRequests.ResetPassword request,
                                            Authentication authentication) {
        accounts.resetPassword(username, request.password());
        audit.record(authentication.getName(), AuditAction.PASSWORD_CHANGED, Map.of("user", username, "by", "admin"));
        return HttpResponse.noContent();
    }
}
