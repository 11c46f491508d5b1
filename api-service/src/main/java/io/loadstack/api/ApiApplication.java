package io.loadstack.api;

import io.loadstack.support.mfa.MfaKeyCheck;
import io.loadstack.support.security.JwtSecretCheck;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.security.SecuritySchemes;

/**
 * The api-service. Its OpenAPI description is generated from the controllers at build time and served at
 * /openapi/api-service.yml (README, "The API describes itself").
 */
@OpenAPIDefinition(
        info = @Info(title = "Loadstack api-service", version = "0.1",
                description = "Sign-in, users, tokens, runs, tests and verdicts, plans, launches and agents."))
@SecuritySchemes({
        @SecurityScheme(name = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                description = "The access_token from POST /auth, as 'Bearer <token>' (or 'JWT <token>', as old clients send it)."),
        @SecurityScheme(name = "agentToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "An agent token (lsa_…) made by an admin; only the agents' own routes (/api/agent/…) take it.")
})
public class ApiApplication {

    public static void main(String[] args) {
        JwtSecretCheck.exitIfMissing(System.getenv());
        MfaKeyCheck.exitIfMissing(System.getenv());
        Micronaut.run(ApiApplication.class, args);
    }
}
