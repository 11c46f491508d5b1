package io.loadstack.support.login;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanContextException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    /** Every service context checks for the JWT secret at start; this one only hashes. */
    private static ApplicationContext context(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("loadstack.jwt.secret", "a-test-secret-that-is-long-enough-for-hs256-0123");
        return ApplicationContext.run(properties);
    }

    @Test
    void passwordsAreHashedAtCostTenUnlessToldOtherwise() {
        try (ApplicationContext context = context(Map.of())) {
            PasswordHasher hasher = context.getBean(PasswordHasher.class);
            String hash = hasher.hash("correct horse");
            assertTrue(hash.startsWith("$2a$10$"), hash);
            assertTrue(hasher.matches("correct horse", hash));
            assertFalse(hasher.matches("wrong horse", hash));
        }
    }

    @Test
    void aHashKeepsItsOwnCostWhenTheSettingChanges() {
        String earlier;
        try (ApplicationContext context = context(Map.of("loadstack.passwords.bcrypt-cost", 5))) {
            earlier = context.getBean(PasswordHasher.class).hash("correct horse");
        }
        assertTrue(earlier.startsWith("$2a$05$"), earlier);
        try (ApplicationContext context = context(Map.of("loadstack.passwords.bcrypt-cost", 4))) {
            PasswordHasher hasher = context.getBean(PasswordHasher.class);
            assertTrue(hasher.matches("correct horse", earlier));
            assertTrue(hasher.hash("correct horse").startsWith("$2a$04$"));
        }
    }

    @Test
    void aCostBelowWhatBcryptAllowsIsRefusedAtStart() {
        try (ApplicationContext context = context(Map.of("loadstack.passwords.bcrypt-cost", 3))) {
            BeanContextException refused = assertThrows(BeanContextException.class, () -> context.getBean(PasswordHasher.class));
            assertTrue(refused.getMessage().contains("bcryptCost"), refused.getMessage());
        }
    }
}
