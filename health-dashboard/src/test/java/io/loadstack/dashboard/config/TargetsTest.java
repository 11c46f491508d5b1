package io.loadstack.dashboard.config;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetsTest {

    @Test
    void theComposeValueGivesOneTargetEachWithMonitBesideIt() {
        List<Target> targets = Targets.parse("appserver1=http://appserver1:8080, appserver2=http://appserver2:8080,"
                + "consumer=http://consumer:8080,", "auto", 2812, true);
        assertEquals(List.of("appserver1", "appserver2", "consumer"), targets.stream().map(Target::name).toList());
        assertEquals(URI.create("http://appserver2:8080/api/healthcheck"), targets.get(1).healthcheckUrl());
        assertEquals(URI.create("http://consumer:2812/"), targets.get(2).monitUrl());
    }

    @Test
    void monitIsLeftOutWithoutAPasswordOrWhenOff() {
        assertNull(Targets.parse("a=http://a:8080", "auto", 2812, false).get(0).monitUrl());
        assertNull(Targets.parse("a=http://a:8080", "off", 2812, true).get(0).monitUrl());
    }

    @Test
    void monitUrlsCanBeGivenPerTarget() {
        List<Target> targets = Targets.parse("a=http://a:8080,b=http://b:8080", "a=http://monit-a:9999", 2812, true);
        assertEquals(URI.create("http://monit-a:9999"), targets.get(0).monitUrl());
        assertNull(targets.get(1).monitUrl(), "listed Monit URLs replace the automatic ones");
    }

    @Test
    void noTargetsIsAllowed() {
        assertTrue(Targets.parse("", "auto", 2812, true).isEmpty());
        assertTrue(Targets.parse(null, null, 2812, true).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"appserver1", "=http://a:1", "a=", "a=ftp://a", "a=not a url", "a b=http://a:1",
            "a=http://a:1,a=http://b:1", "database=http://db:1"})
    void aMalformedEntryStopsTheStartAndNamesIt(String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Targets.parse(value, "auto", 2812, true));
        assertTrue(e.getMessage().startsWith("LOADSTACK_DASHBOARD_TARGETS"), e.getMessage());
    }
}
