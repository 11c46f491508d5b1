package io.loadstack.agent.config;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustSettingsTest {

    /** The test server's key and its self-signed certificate for loadstack.test and 127.0.0.1 (not localhost). */
    private static final String KEY_STORE = "/tls-server.p12";
    private static final char[] KEY_STORE_PASSWORD = "test-only".toCharArray();

    @TempDir
    Path directory;

    private HttpsServer server;

    @BeforeEach
    void startAnHttpsServerWithASelfSignedCertificate() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream(KEY_STORE)) {
            keys.load(in, KEY_STORE_PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, KEY_STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopTheServer() {
        server.stop(0);
    }

    private int statusFrom(String host, TrustSettings trust) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(trust.sslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("https://" + host + ":" + server.getAddress().getPort() + "/");
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Path pem() throws URISyntaxException {
        return Path.of(TrustSettingsTest.class.getResource("/self-signed-loadstack.pem").toURI());
    }

    @Test
    void theJdksAuthoritiesRefuseASelfSignedServer() {
        assertThrows(SSLHandshakeException.class, () -> statusFrom("127.0.0.1", new TrustSettings(Optional.empty(), false)));
    }

    @Test
    void theCaFileMakesTheSelfSignedServerTrusted() throws Exception {
        assertEquals(204, statusFrom("127.0.0.1", new TrustSettings(Optional.of(pem()), false)));
    }

    @Test
    void withTheCaFileTheHostNameIsStillChecked() {
        assertThrows(SSLHandshakeException.class, () -> statusFrom("localhost", new TrustSettings(Optional.of(pem()), false)));
    }

    @Test
    void insecureAcceptsTheCertificateUnderAnyHostName() throws Exception {
        assertEquals(204, statusFrom("localhost", new TrustSettings(Optional.empty(), true)));
        assertEquals(204, statusFrom("127.0.0.1", new TrustSettings(Optional.empty(), true)));
    }

    @Test
    void withoutSettingsTheJdksAuthoritiesAreTrusted() throws Exception {
        assertSame(SSLContext.getDefault(), new TrustSettings(Optional.empty(), false).sslContext());
    }

    @Test
    void aPemCertificateFileGivesItsOwnContext() throws URISyntaxException {
        Path pem = pem();
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
