package io.loadstack.support.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuditTrailTest {

    @ParameterizedTest
    @ValueSource(strings = {"password", "newPassword", "token", "agentToken", "code", "recoveryCode", "secret",
            "tokenHash", "apiKey", "PASSWORD"})
    void aDetailKeyThatNamesASecretIsRefused(String key) {
        assertThrows(IllegalArgumentException.class, () -> AuditTrail.refuseSecretKeys(Map.of(key, "x")));
    }

    @Test
    void ordinaryDetailKeysPass() {
        assertDoesNotThrow(() -> AuditTrail.refuseSecretKeys(Map.of("user", "dora", "role", "ADMIN", "launch", 4,
                "targetHost", "http://shop.internal", "prefix", "lst_ab12")));
    }
}
