package io.loadstack.support.mfa;

import io.loadstack.support.login.ClientAddress;
import io.loadstack.support.login.LoginAccounts;
import io.loadstack.support.login.LoginResponse;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/**
 * The second step of a sign-in, on every service that signs people in: {@code POST /auth/mfa} with the
 * {@code mfa_token} of the password step and a code; {@code /auth/mfa/enroll} and {@code /enroll/confirm} when the
 * policy requires a factor the user does not have yet.
 */
@Controller("/auth/mfa")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = LoginAccounts.class)
public class MfaLoginController {

    private final SecondFactorSignIn signIn;

    public MfaLoginController(SecondFactorSignIn signIn) {
        this.signIn = signIn;
    }

    @Post
    public LoginResponse code(@Valid @Body MfaMessages.CodeRequest request, HttpRequest<?> http) {
        return signIn.complete(request.mfaToken(), request.code(), ClientAddress.of(http));
    }

    @Post("/enroll")
    public MfaMessages.Enrollment enroll(@Valid @Body MfaMessages.TokenRequest request) {
        return signIn.beginRequiredEnrollment(request.mfaToken());
    }

    @Post("/enroll/confirm")
    public MfaMessages.EnrolledSignIn confirmEnrollment(@Valid @Body MfaMessages.CodeRequest request,
                                                        HttpRequest<?> http) {
        return signIn.confirmRequiredEnrollment(request.mfaToken(), request.code(), ClientAddress.of(http));
    }
}
