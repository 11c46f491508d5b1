package io.loadstack.agent.config;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;

/**
 * Which server certificates the agent accepts over HTTPS. By default the JDK's trusted authorities; with a CA file
 * only the certificates in that PEM file (Loadstack's own self-signed certificate, or the authority that signed
 * it), host names still checked; with {@code insecure} any certificate for any host, which gives up the protection
 * against someone in between and is only for a first try.
 *
 * @param caFile   {@code LOADSTACK_AGENT_CA_FILE}
 * @param insecure {@code LOADSTACK_AGENT_INSECURE}
 */
public record TrustSettings(Optional<Path> caFile, boolean insecure) {

    /**
     * @throws InvalidSettingException naming {@code LOADSTACK_AGENT_CA_FILE} when the file cannot be read or holds
     *                                 no certificate
     */
    public SSLContext sslContext() {
        try {
            if (insecure) {
                return context(new TrustManager[]{new TrustingAnyCertificate()});
            }
            if (caFile.isPresent()) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(keyStoreOf(caFile.get()));
                return context(factory.getTrustManagers());
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
        }
    }

    public String describe() {
        if (insecure) {
            return "TLS: ANY certificate trusted (" + AgentSettings.INSECURE + "=true)";
        }
        return caFile.map(file -> "TLS: trusts the certificates in " + file).orElse("TLS: the JDK's trusted authorities");
    }

    private static SSLContext context(TrustManager[] trustManagers) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers, null);
        return context;
    }

    private static KeyStore keyStoreOf(Path file) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new InvalidSettingException(AgentSettings.CA_FILE, "cannot be read: " + e, e);
        } catch (java.security.cert.CertificateException e) {
            throw new InvalidSettingException(AgentSettings.CA_FILE, "(" + file + ") is not a PEM certificate file: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new InvalidSettingException(AgentSettings.CA_FILE, "(" + file + ") holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty key store cannot be made: " + e.getMessage(), e);
        }
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("loadstack-" + index++, certificate);
        }
        return store;
    }

    /**
     * Accepts every chain. Being an extended trust manager, it also stands in for the host name check, which the
     * JDK's HTTP client otherwise makes against the certificate.
     */
    private static final class TrustingAnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
