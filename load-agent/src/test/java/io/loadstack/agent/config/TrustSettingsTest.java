package io.loadstack.agent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustSettingsTest {

    @TempDir
    Path directory;

    @Test
    void withoutSettingsTheJdksAuthoritiesAreTrusted() throws Exception {
        assertSame(SSLContext.getDefault(), new TrustSettings(Optional.empty(), false).sslContext());
    }

    @Test
    void aPemCertificateFileGivesItsOwnContext() throws URISyntaxException {
        Path pem = Path.of(getClass().getResource("/self-signed-loadstack.pem").toURI());
        SSLContext context = new TrustSettings(Optional.of(pem), false).sslContext();
        assertNotNull(context);
        assertTrue(new TrustSettings(Optional.of(pem), false).describe().contains(pem.toString()));
    }

    @Test
    void insecureTrustsAnyAndSaysSo() throws Exception {
        TrustSettings insecure = new TrustSettings(Optional.empty(), true);
        assertNotSame(SSLContext.getDefault(), insecure.sslContext());
        assertTrue(insecure.describe().contains("ANY certificate"), insecure.describe());
    }

    @Test
    void aMissingCaFileIsNamed() {
        String message = assertThrows(InvalidSettingException.class,
                () -> new TrustSettings(Optional.of(directory.resolve("absent.pem")), false).sslContext()).getMessage();
        assertTrue(message.startsWith("LOADSTACK_AGENT_CA_FILE cannot be read"), message);
    }

    @Test
    void aFileWithoutACertificateIsNamed() throws Exception {
        Path notPem = Files.writeString(directory.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Path empty = Files.writeString(directory.resolve("empty.pem"), "");
        for (Path file : new Path[]{notPem, empty}) {
            String message = assertThrows(InvalidSettingException.class,
                    () -> new TrustSettings(Optional.of(file), false).sslContext()).getMessage();
            assertTrue(message.startsWith("LOADSTACK_AGENT_CA_FILE (" + file + ")"), message);
        }
    }
}
