package io.loadstack.support.mfa;

import io.loadstack.support.login.AccessTokens;
import io.loadstack.support.login.LoginAccounts;
import io.loadstack.support.login.LoginAccounts.LoginAccount;
import io.loadstack.support.login.LoginResponse;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The steps of a sign-in after the password: a code for a user with a factor, or, for a user the policy requires
 * to have one and who has none, an enrollment before the first token. The password step hands over an
 * {@code mfa_token}; these steps take it back.
 */
@Singleton
@Requires(property = "loadstack.login.enabled", value = "true")
public class SecondFactorSignIn {

    private final SecondFactors factors;
    private final MfaPolicy policy;
    private final MfaChallenges challenges;
    private final SecondFactorCheck check;
    private final Enrollment enrollment;
    private final CodeThrottle throttle;
    private final LoginAccounts accounts;
    private final AccessTokens tokens;

    public SecondFactorSignIn(SecondFactors factors, MfaPolicy policy, MfaChallenges challenges,
                              SecondFactorCheck check, Enrollment enrollment, CodeThrottle throttle,
                              LoginAccounts accounts, AccessTokens tokens) {
        this.factors = factors;
        this.policy = policy;
        this.challenges = challenges;
        this.check = check;
        this.enrollment = enrollment;
        this.throttle = throttle;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** After a right password: the next step, or empty when the password is all this user needs. */
    public Optional<MfaMessages.Challenge> challengeAfterPassword(LoginAccount account) {
        long expiresIn = challenges.lifetime().toSeconds();
        if (factors.hasConfirmed(account.id())) {
            String token = challenges.issue(account.id(), MfaChallenges.Purpose.SIGN_IN);
            return Optional.of(new MfaMessages.Challenge(true, null, token, expiresIn));
        }
        if (policy.requirement().appliesTo(account.role())) {
            String token = challenges.issue(account.id(), MfaChallenges.Purpose.ENROLL);
            return Optional.of(new MfaMessages.Challenge(true, true, token, expiresIn));
        }
        return Optional.empty();
    }

    /**
     * @throws MfaChallengeInvalidException when the token is no good (sign in again)
     * @throws TooManyCodesException        after too many wrong codes for this user or from this address
     * @throws WrongCodeException           when the code is wrong or replayed
     */
    public LoginResponse complete(String mfaToken, String code, String address) {
        MfaChallenges.Challenge challenge = challenges.open(mfaToken, MfaChallenges.Purpose.SIGN_IN);
        LoginAccount account = account(challenge);
        throttle.requireNoWait(account.username(), address);
        Optional<AccessTokens.Factor> factor = check.use(account, code);
        if (factor.isEmpty()) {
            wrongCode(challenge, account, address);
        }
        challenges.use(challenge);
        throttle.succeeded(account.username());
        return tokens.signIn(account, factor.get());
    }

    /** The enrollment the policy requires: a new secret for the holder of an enrollment token. */
    public MfaMessages.Enrollment beginRequiredEnrollment(String mfaToken) {
        MfaChallenges.Challenge challenge = challenges.open(mfaToken, MfaChallenges.Purpose.ENROLL);
        return enrollment.begin(account(challenge));
    }

    /** Confirms the required enrollment with a first code, and signs in: recovery codes and token together. */
    public MfaMessages.EnrolledSignIn confirmRequiredEnrollment(String mfaToken, String code, String address) {
        MfaChallenges.Challenge challenge = challenges.open(mfaToken, MfaChallenges.Purpose.ENROLL);
        LoginAccount account = account(challenge);
        Optional<List<String>> recovery = enrollment.confirm(account, code, address);
        if (recovery.isEmpty()) {
            wrongCode(challenge, account, address);
        }
        challenges.use(challenge);
        LoginResponse login = tokens.signIn(account, AccessTokens.Factor.TOTP);
        return new MfaMessages.EnrolledSignIn(login.accessToken(), login.tokenType(), login.expiresIn(),
                login.username(), login.roles(), recovery.get());
    }

    private void wrongCode(MfaChallenges.Challenge challenge, LoginAccount account, String address) {
        challenges.failed(challenge);
        throttle.failed(account.username(), address);
        tokens.failed(account.username(), "wrong second-factor code");
        throw new WrongCodeException();
    }

    private LoginAccount account(MfaChallenges.Challenge challenge) {
        // The account removed since the password step: the token died with it (ON DELETE CASCADE), or nearly.
        return accounts.findById(challenge.userId()).orElseThrow(MfaChallengeInvalidException::new);
    }
}
