package io.loadstack.consumer;

import io.loadstack.support.security.JwtSecretCheck;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The consumer-service. Its OpenAPI description is generated from the controllers at build time and served at
 * /openapi/consumer-service.yml (README, "The API describes itself").
 */
@OpenAPIDefinition(info = @Info(title = "Loadstack consumer-service", version = "0.1",
        description = "Ingestion of load-test runs: the Locust clients' register / stats / commit, and InfluxDB's"
                + " line protocol as JMeter's Backend Listener and k6 send it."))
@SecurityScheme(name = "ingestToken", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = "Authorization",
        description = "An ingest token (lst_…) from POST /api/tokens: 'Token <t>' or 'Bearer <t>' in Authorization,"
                + " HTTP Basic with the token as password, or ?p=<t> (the InfluxDB clients' ways).")
public class ConsumerApplication {

    public static void main(String[] args) {
        JwtSecretCheck.exitIfMissing(System.getenv());
        Micronaut.run(ConsumerApplication.class, args);
    }
}
