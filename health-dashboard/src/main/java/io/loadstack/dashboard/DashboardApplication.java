package io.loadstack.dashboard;

import io.loadstack.support.mfa.MfaKeyCheck;
import io.loadstack.support.security.JwtSecretCheck;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The health dashboard. Its OpenAPI description is generated from the controllers at build time and served at
 * /openapi/health-dashboard.yml (README, "The API describes itself").
 */
@OpenAPIDefinition(info = @Info(title = "Loadstack health-dashboard", version = "0.1",
        description = "The services' health as the dashboard polls it, and its history."))
@SecurityScheme(name = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "The access_token from POST /auth (on this service or the api-service: the same users).")
public class DashboardApplication {

    public static void main(String[] args) {
        JwtSecretCheck.exitIfMissing(System.getenv());
        MfaKeyCheck.exitIfMissing(System.getenv());
        Micronaut.run(DashboardApplication.class, args);
    }
}
