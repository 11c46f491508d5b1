package io.loadstack.support.mfa;

import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import io.loadstack.support.login.AccessTokens;
import io.loadstack.support.login.LoginAccounts.LoginAccount;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Takes a code for a user's confirmed factor: a TOTP code (its time step is stored, so it works once) or one of
 * the recovery codes (spent). Either way the code is used up by the time this answers yes.
 */
@Singleton
@Requires(property = "loadstack.login.enabled", value = "true")
public class SecondFactorCheck {

    private final SecondFactors factors;
    private final SecretCipher cipher;
    private final TotpCodes codes;
    private final AuditTrail audit;

    public SecondFactorCheck(SecondFactors factors, SecretCipher cipher, TotpCodes codes, AuditTrail audit) {
        this.factors = factors;
        this.cipher = cipher;
        this.codes = codes;
        this.audit = audit;
    }

    /** @return which factor the code was, or empty when it is wrong, replayed, or the user has no factor */
    public Optional<AccessTokens.Factor> use(LoginAccount account, String code) {
        Optional<SecondFactors.Factor> factor = factors.find(account.id()).filter(SecondFactors.Factor::confirmed);
        if (factor.isEmpty()) {
            return Optional.empty();
        }
        // Apps show "123 456"; people type it so. Recovery codes ignore spaces too (RecoveryCodes.hash).
        String typed = code.replaceAll("\\s", "");
        if (TotpCodes.looksLikeCode(typed)) {
            OptionalLong step = codes.matchingStep(cipher.open(factor.get().sealedSecret(), account.id()), typed);
            return step.isPresent() && factors.useStep(account.id(), step.getAsLong())
                    ? Optional.of(AccessTokens.Factor.TOTP) : Optional.empty();
        }
        if (factors.useRecoveryCode(account.id(), RecoveryCodes.hash(typed))) {
            audit.record(account.username(), AuditAction.MFA_RECOVERY_CODE_USED,
                    Map.of("remaining", factors.unusedRecoveryCodes(account.id())));
            return Optional.of(AccessTokens.Factor.RECOVERY);
        }
        return Optional.empty();
    }
}
