package io.loadstack.api.runs.retention;

import io.loadstack.api.ApiTestServer;
import io.loadstack.testsupport.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class RetentionSettingsTest {

    @Test
    void daysHoursAndMinutesAreRead() {
        assertEquals(Duration.ofDays(180), RetentionAge.parse("180d").orElseThrow().duration());
        assertEquals(Duration.ofHours(12), RetentionAge.parse("12h").orElseThrow().duration());
        assertEquals(Duration.ofMinutes(30), RetentionAge.parse(" 30M ").orElseThrow().duration());
        assertEquals("30m", RetentionAge.parse(" 30M ").orElseThrow().toString());
    }

    @Test
    void unsetOrBlankKeepsEveryRun() {
        assertEquals(Optional.empty(), RetentionAge.parse(null));
        assertEquals(Optional.empty(), RetentionAge.parse("  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"180", "d", "180 d", "1.5d", "-1d", "180days", "6w", "0d", "P180D", "999999d"})
    void anythingElseIsRefusedWithAnExample(String setting) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetentionAge.parse(setting));
        assertTrue(e.getMessage().contains("e.g. 180d"), e.getMessage());
    }

    @Test
    void theServiceRefusesToStartWithARetentionItCannotRead() {
        try (TestDatabase database = TestDatabase.fresh("RetentionSettingsTest")) {
            Map<String, Object> properties = new HashMap<>(ApiTestServer.properties(database));
            properties.put("loadstack.run-retention", "18x");
            try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
                fail("started with loadstack.run-retention=18x");
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause != null && !(cause instanceof ConfigurationException)) {
                    cause = cause.getCause();
                }
                assertTrue(cause != null, "no ConfigurationException in " + e);
                assertTrue(cause.getMessage().startsWith("LOADSTACK_RUN_RETENTION (loadstack.run-retention): '18x' is not an age"),
                        cause.getMessage());
            }
        }
    }
}
