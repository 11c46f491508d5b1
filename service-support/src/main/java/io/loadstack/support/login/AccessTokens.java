package io.loadstack.support.login;

import io.loadstack.support.audit.AuditAction;
import io.loadstack.support.audit.AuditTrail;
import io.loadstack.support.security.JwtSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * The end of every successful sign-in, whatever its steps: the signed JWT in the answer the old clients expect,
 * and the audit row that says which factor the user proved themselves with.
 */
@Singleton
@Requires(beans = LoginAccounts.class)
public class AccessTokens {

    /** How the user proved who they are, as the audit row names it. */
    public enum Factor {
        PASSWORD, TOTP, RECOVERY;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final TokenGenerator tokens;
    private final JwtSettings jwt;
    private final AuditTrail audit;
    private final String service;

    public AccessTokens(TokenGenerator tokens, JwtSettings jwt, AuditTrail audit,
                        @Value("${micronaut.application.name:loadstack}") String service) {
        this.tokens = tokens;
        this.jwt = jwt;
        this.audit = audit;
        this.service = service;
    }

    public LoginResponse signIn(LoginAccounts.LoginAccount user, Factor factor) {
        List<String> roles = List.of(user.role());
        Authentication authentication = Authentication.build(user.username(), roles,
                Map.of(RemovedAccountFilter.ACCOUNT_ID_CLAIM, user.id()));
        int expiresIn = jwt.expirationSeconds();
        String token = tokens.generateToken(authentication, expiresIn)
                .orElseThrow(() -> new IllegalStateException("JWT generation failed"));
        audit.record(user.username(), AuditAction.SIGN_IN, Map.of("service", service, "factor", factor.label()));
        return new LoginResponse(token, "Bearer", expiresIn, user.username(), roles);
    }

    /** A failed sign-in; the actor is the username that was tried, which may be no account's. */
    public void failed(String username, String reason) {
        audit.record(username, AuditAction.SIGN_IN_FAILED, Map.of("service", service, "reason", reason));
    }
}
