package io.loadstack.support.mfa;

import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import io.loadstack.support.login.LoginAccounts.LoginAccount;
import io.loadstack.support.login.PasswordHasher;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Setting a second factor up, turning it off, and an admin's reset. Setting up takes two steps: a new secret
 * (shown as QR code and text), then a code from the app, which proves the app has it; only then is the factor
 * asked for at sign-in, and the recovery codes are made.
 */
@Singleton
@Requires(property = "loadstack.login.enabled", value = "true")
public class Enrollment {

    private final SecondFactors factors;
    private final SecretCipher cipher;
    private final TotpCodes codes;
    private final RecoveryCodes recoveryCodes;
    private final QrCodeSvg qr;
    private final MfaSettings settings;
    private final CodeThrottle throttle;
    private final SecondFactorCheck check;
    private final PasswordHasher hasher;
    private final AuditTrail audit;

    public Enrollment(SecondFactors factors, SecretCipher cipher, TotpCodes codes, RecoveryCodes recoveryCodes,
                      QrCodeSvg qr, MfaSettings settings, CodeThrottle throttle, SecondFactorCheck check,
                      PasswordHasher hasher, AuditTrail audit) {
        this.factors = factors;
        this.cipher = cipher;
        this.codes = codes;
        this.recoveryCodes = recoveryCodes;
        this.qr = qr;
        this.settings = settings;
        this.throttle = throttle;
        this.check = check;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** @throws AlreadyEnrolledException when the user has a confirmed factor */
    public MfaMessages.Enrollment begin(LoginAccount account) {
        byte[] secret = codes.newSecret();
        factors.beginEnrollment(account.id(), cipher.seal(secret, account.id()));
        String uri = TotpCodes.otpauthUri(settings.issuer(), account.username(), secret);
        return new MfaMessages.Enrollment(TotpCodes.base32(secret), uri, qr.render(uri), "SHA1", TotpCodes.DIGITS,
                (int) TotpCodes.STEP.toSeconds());
    }

    /**
     * @return the recovery codes, or empty when the code is wrong
     * @throws NoPendingEnrollmentException when no enrollment was begun
     * @throws TooManyCodesException        after too many wrong codes
     */
    public Optional<List<String>> confirm(LoginAccount account, String code, String address) {
        throttle.requireNoWait(account.username(), address);
        SecondFactors.Factor pending = factors.find(account.id()).filter(f -> !f.confirmed())
                .orElseThrow(NoPendingEnrollmentException::new);
        OptionalLong step = codes.matchingStep(cipher.open(pending.sealedSecret(), account.id()),
                code.replaceAll("\\s", ""));
        if (step.isEmpty()) {
            throttle.failed(account.username(), address);
            return Optional.empty();
        }
        List<String> recovery = recoveryCodes.generate();
        if (!factors.confirm(account.id(), step.getAsLong(), recovery.stream().map(RecoveryCodes::hash).toList())) {
            throw new NoPendingEnrollmentException();
        }
        throttle.succeeded(account.username());
        audit.record(account.username(), AuditAction.MFA_ENROLLED, Map.of());
        return Optional.of(recovery);
    }

    /**
     * @throws NotEnrolledException   when there is no confirmed factor to turn off
     * @throws WrongPasswordException when the password is not the user's
     * @throws CodeRefusedException   when the code is wrong or already used
     */
    public void disable(LoginAccount account, String password, String code, String address) {
        throttle.requireNoWait(account.username(), address);
        if (!factors.hasConfirmed(account.id())) {
            throw new NotEnrolledException();
        }
        if (!hasher.matches(password, account.passwordHash())) {
            throttle.failed(account.username(), address);
            throw new WrongPasswordException();
        }
        if (check.use(account, code).isEmpty()) {
            throttle.failed(account.username(), address);
            throw new CodeRefusedException();
        }
        throttle.succeeded(account.username());
        factors.remove(account.id());
        audit.record(account.username(), AuditAction.MFA_DISABLED, Map.of());
    }

    /**
     * An admin removes a user's factor (the phone is lost and so are the recovery codes); the user signs in with
     * the password alone again, or is taken to enrollment if the policy requires a factor.
     *
     * @throws NotEnrolledException when the user has no factor
     */
    public void reset(LoginAccount account, String admin) {
        if (!factors.remove(account.id())) {
            throw new NotEnrolledException();
        }
        audit.record(admin, AuditAction.MFA_RESET, Map.of("user", account.username()));
    }
}
