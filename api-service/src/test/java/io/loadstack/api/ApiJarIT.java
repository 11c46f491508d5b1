package io.loadstack.api;

import io.loadstack.testsupport.HttpCall;
import io.loadstack.testsupport.ServiceProcess;
import io.loadstack.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar, started with {@code java -jar} and environment variables only, as the README says. */
class ApiJarIT {

    private static final Path JAR = Path.of("target", "api-service.jar");

    @Test
    void withoutAJwtSecretItRefusesToStartAndSaysHowToSetOne() throws Exception {
        try (TestDatabase database = TestDatabase.fresh("ApiJarNoSecret");
             ServiceProcess service = ServiceProcess.start(JAR, database.environment())) {
            assertEquals(2, service.awaitExit(Duration.ofSeconds(60)));
            assertTrue(service.output().contains("LOADSTACK_JWT_SECRET is not set"), service.output());
            assertTrue(service.output().contains("openssl rand"), service.output());
        }
    }

    @Test
    void withoutASecondFactorKeyItRefusesToStartAndSaysHowToSetOne() throws Exception {
        try (TestDatabase database = TestDatabase.fresh("ApiJarNoMfaKey")) {
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", ApiTestServer.SECRET);
            try (ServiceProcess service = ServiceProcess.start(JAR, environment)) {
                assertEquals(2, service.awaitExit(Duration.ofSeconds(60)));
                assertTrue(service.output().contains("LOADSTACK_MFA_KEY is not set"), service.output());
                assertTrue(service.output().contains("openssl rand"), service.output());
            }
        }
    }

    @Test
    void anAdminPasswordTheAccountRulesRefuseStopsTheStartWithTheReason() throws Exception {
        try (TestDatabase database = TestDatabase.fresh("ApiJarLongAdminPassword")) {
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", ApiTestServer.SECRET);
            environment.put("LOADSTACK_MFA_KEY", ApiTestServer.MFA_KEY);
            environment.put("LOADSTACK_ADMIN_PASSWORD", "x".repeat(73));
            try (ServiceProcess service = ServiceProcess.start(JAR, environment)) {
                assertNotEquals(0, service.awaitExit(Duration.ofSeconds(90)), service.output());
                assertTrue(service.output().contains("LOADSTACK_ADMIN_PASSWORD"), service.output());
                assertTrue(service.output().contains("at most 72 bytes"), service.output());
            }
        }
    }

    @Test
    void withTheReadmeVariablesItStartsAndAnswers() throws Exception {
        try (TestDatabase database = TestDatabase.fresh("ApiJar")) {
            Map<String, String> environment = new HashMap<>(database.environment());
            environment.put("LOADSTACK_JWT_SECRET", ApiTestServer.SECRET);
            environment.put("LOADSTACK_MFA_KEY", ApiTestServer.MFA_KEY);
            environment.put("LOADSTACK_ADMIN_USERNAME", "admin");
            environment.put("LOADSTACK_ADMIN_PASSWORD", "jar-admin-password");
            long started = System.nanoTime();
            try (ServiceProcess service = ServiceProcess.start(JAR, environment)) {
                assertTrue(service.awaitHealthy(Duration.ofSeconds(90)), service.output());
                // Reported, not asserted: timings belong in BENCHMARKS.md, not in pass/fail.
                System.out.printf("api-service jar healthy after %d ms%n", (System.nanoTime() - started) / 1_000_000);
                String token = ApiTestServer.login(service.baseUrl(), "admin", "jar-admin-password");
                assertEquals(200, HttpCall.get(service.baseUrl() + "/api/user").header("Authorization", "JWT " + token).send().status());
            }
        }
    }
}
