package io.loadstack.dashboard.polling;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Monit's XML status as Monit 5.33 (Debian bookworm) writes it, for the states an operator must tell apart. */
class MonitProbeTest {

    private static MonitStatus parse(String service) {
        return MonitProbe.parse(("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><monit><server><id>1</id></server>"
                + "<service type=\"5\"><name>system</name><status>0</status><monitor>1</monitor></service>"
                + service + "</monit>").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aRunningProcessHasItsPid() {
        MonitStatus status = parse("<service type=\"3\"><name>api-service</name><status>0</status><monitor>1</monitor>"
                + "<pid>812</pid><memory><percent>2.0</percent><kilobyte>1</kilobyte></memory></service>");
        assertEquals(new MonitStatus("running", "api-service", 812), status);
    }

    @Test
    void aProcessThatDoesNotExistIsNotRunning() {
        MonitStatus status = parse("<service type=\"3\"><name>api-service</name><status>4608</status><monitor>1</monitor>"
                + "</service>");
        assertEquals("not running", status.state());
        assertNull(status.pid());
    }

    @Test
    void aFailingCheckAndAnUnmonitoredProcessAreShownAsSuch() {
        assertEquals("failed", parse("<service type=\"3\"><name>s</name><status>32</status><monitor>1</monitor>"
                + "<pid>9</pid></service>").state());
        assertEquals("not monitored", parse("<service type=\"3\"><name>s</name><status>0</status><monitor>0</monitor>"
                + "</service>").state());
        assertEquals("initializing", parse("<service type=\"3\"><name>s</name><status>0</status><monitor>2</monitor>"
                + "</service>").state());
    }

    @Test
    void garbageAndEntityTricksAreUnreachableNotAnError() {
        assertEquals("unreachable", MonitProbe.parse("not xml".getBytes(StandardCharsets.UTF_8)).state());
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<monit><service type=\"3\"><name>&x;</name><status>0</status><monitor>1</monitor><pid>1</pid></service></monit>";
        assertEquals("unreachable", MonitProbe.parse(xxe.getBytes(StandardCharsets.UTF_8)).state());
    }
}
