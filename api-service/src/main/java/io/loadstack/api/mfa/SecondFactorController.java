package io.loadstack.api.mfa;

import io.loadstack.api.users.NoSuchUserException;
import io.loadstack.api.users.User;
import io.loadstack.api.users.UserAccounts;
import io.loadstack.support.login.ClientAddress;
import io.loadstack.support.login.LoginAccounts.LoginAccount;
import io.loadstack.support.mfa.Enrollment;
import io.loadstack.support.mfa.MfaMessages;
import io.loadstack.support.mfa.MfaPolicy;
import io.micronaut.http.HttpRequest;
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

/**
 * A user's own second factor ({@code /api/user/mfa}: set up, confirm, turn off), an admin's reset of someone
 * else's, and who must have one ({@code /api/mfa-policy}). The sign-in steps themselves are service-support's
 * ({@code /auth/mfa}), shared with the health dashboard.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SecondFactorController {

    private final UserAccounts users;
    private final Enrollment enrollment;
    private final MfaPolicy policy;

    public SecondFactorController(UserAccounts users, Enrollment enrollment, MfaPolicy policy) {
        this.users = users;
        this.enrollment = enrollment;
        this.policy = policy;
    }

    @Post("/user/mfa")
    public MfaMessages.Enrollment begin(Authentication authentication) {
        return enrollment.begin(account(users.signedIn(authentication)));
    }

    @Post("/user/mfa/confirm")
    public MfaMessages.RecoveryCodes confirm(Authentication authentication,
                                             @Valid @Body MfaMessages.ConfirmRequest request, HttpRequest<?> http) {
        return new MfaMessages.RecoveryCodes(enrollment.confirm(account(users.signedIn(authentication)),
                request.code(), ClientAddress.of(http)).orElseThrow(CodeNotAcceptedException::new));
    }

    @Delete("/user/mfa")
    public HttpResponse<Void> disable(Authentication authentication, @Valid @Body MfaMessages.DisableRequest request,
                                      HttpRequest<?> http) {
        enrollment.disable(account(users.signedIn(authentication)), request.password(), request.code(),
                ClientAddress.of(http));
        return HttpResponse.noContent();
    }

    @Delete("/users/{username}/mfa")
    @Secured("ADMIN")
    public HttpResponse<Void> reset(@PathVariable String username, Authentication authentication) {
        User user = users.find(username).orElseThrow(() -> new NoSuchUserException(username));
        enrollment.reset(account(user), authentication.getName());
        return HttpResponse.noContent();
    }

    @Get("/mfa-policy")
    @Secured("ADMIN")
    public PolicyMessage policy() {
        return new PolicyMessage(policy.requirement());
    }

    @Put("/mfa-policy")
    @Secured("ADMIN")
    public PolicyMessage changePolicy(@Valid @Body PolicyMessage request, Authentication authentication) {
        policy.change(request.requirement(), authentication.getName());
        return new PolicyMessage(policy.requirement());
    }

    private static LoginAccount account(User user) {
        return new LoginAccount(user.id(), user.username(), user.passwordHash(), user.role().name());
    }
}
