package io.loadstack.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx running the shipped {@code nginx/nginx.conf} and its snippets, moved onto loopback: the
 * container host names point at the test's service ports, files and logs at a temporary folder. Every
 * rewrite must match exactly once, so a change to the shipped file that this class no longer understands
 * fails loudly instead of testing a different configuration.
 */
public final class NginxFrontDoor implements AutoCloseable {

    public static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path SHIPPED = Path.of("..", "nginx").toAbsolutePath().normalize();

    private final Process process;
    private final Path work;
    private final int port;

    private NginxFrontDoor(Process process, Path work, int port) {
        this.process = process;
        this.work = work;
        this.port = port;
    }

    /** https on a free loopback port, in front of one api-service and the consumer-service. */
    public static NginxFrontDoor start(int apiPort, int consumerPort) throws IOException, InterruptedException {
        return start(apiPort, apiPort, consumerPort);
    }

    /** https on a free loopback port, in front of two api-service replicas and the consumer-service. */
    public static NginxFrontDoor start(int api1Port, int api2Port, int consumerPort) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("loadstack-nginx");
        // nginx's workers run as nobody: they must reach the temp folders and the shipped snippets.
        work.toFile().setWritable(true, false);
        work.toFile().setExecutable(true, false);
        Path tls = Files.createDirectories(work.resolve("tls"));
        selfSignedCertificate(tls);
        int port = ServiceProcess.freePort();
        int dashboardPort = ServiceProcess.freePort(); // nothing listens there: the health dashboard is not under test

        Map<String, String> rewrites = new LinkedHashMap<>();
        rewrites.put("user www-data;", "");
        rewrites.put("worker_processes auto;", "worker_processes 1;");
        rewrites.put("pid /run/nginx.pid;", "pid " + work.resolve("nginx.pid") + ";");
        rewrites.put("error_log /proc/1/fd/2 warn;", "error_log " + work.resolve("error.log") + " warn;");
        rewrites.put("access_log /proc/1/fd/1 loadstack;", "access_log " + work.resolve("access.log") + " loadstack;\n"
                + "    client_body_temp_path " + work.resolve("body") + ";\n"
                + "    proxy_temp_path " + work.resolve("proxy") + ";\n"
                + "    fastcgi_temp_path " + work.resolve("fastcgi") + ";\n"
                + "    uwsgi_temp_path " + work.resolve("uwsgi") + ";\n"
                + "    scgi_temp_path " + work.resolve("scgi") + ";");
        rewrites.put("server appserver1:8080", "server 127.0.0.1:" + api1Port);
        rewrites.put("server appserver2:8080", "server 127.0.0.1:" + api2Port);
        rewrites.put("server consumer:8080", "server 127.0.0.1:" + consumerPort);
        rewrites.put("server health-dashboard:8080", "server 127.0.0.1:" + dashboardPort);
        rewrites.put("listen 8080 ssl http2 default_server;", "listen 127.0.0.1:" + port + " ssl http2 default_server;");
        rewrites.put("listen [::]:8080 ssl http2 default_server;", "");
        rewrites.put("listen 5000 default_server;", "listen 127.0.0.1:" + ServiceProcess.freePort() + " default_server;");
        rewrites.put("listen [::]:5000 default_server;", "");
        rewrites.put("/etc/nginx/tls/cert.pem", tls.resolve("cert.pem").toString());
        rewrites.put("/etc/nginx/tls/key.pem", tls.resolve("key.pem").toString());

        String config = Files.readString(SHIPPED.resolve("nginx.conf"));
        for (Map.Entry<String, String> rewrite : rewrites.entrySet()) {
            config = replaceOnce(config, rewrite.getKey(), rewrite.getValue(), "nginx.conf");
        }
        // The snippets are copied too, with their own includes pointed at the copies.
        Path snippets = Files.createDirectories(work.resolve("loadstack"));
        try (var files = Files.list(SHIPPED.resolve("loadstack"))) {
            for (Path snippet : files.toList()) {
                String text = Files.readString(snippet).replace("/etc/nginx/loadstack/", snippets + "/");
                Files.writeString(snippets.resolve(snippet.getFileName()), text);
            }
        }
        config = config.replace("/etc/nginx/loadstack/", snippets + "/");
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, config);

        Process process = new ProcessBuilder(NGINX.toString(), "-p", work.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
        NginxFrontDoor nginx = new NginxFrontDoor(process, work, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return nginx;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx did not start: " + nginx.log());
    }

    /** The self-signed certificate nginx presents, for clients that must trust it. */
    public Path certificate() {
        return work.resolve("tls").resolve("cert.pem");
    }

    /** The address a browser uses; localhost, which the certificate names. */
    public String baseUrl() {
        return "https://localhost:" + port;
    }

    public String accessLog() {
        try {
            return Files.readString(work.resolve("access.log"));
        } catch (IOException e) {
            return "";
        }
    }

    public String log() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("nginx.out", "error.log")) {
            try {
                text.append(name).append(":\n").append(Files.readString(work.resolve(name))).append('\n');
            } catch (IOException e) {
                text.append(name).append(": (none)\n");
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String replaceOnce(String text, String from, String to, String file) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException(file + " should contain \"" + from + "\" exactly once: the shipped configuration "
                    + "changed, so update NginxFrontDoor's rewrites to match it");
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** As the nginx image's prestart does at its first start. */
    private static void selfSignedCertificate(Path tls) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
                "-keyout", tls.resolve("key.pem").toString(), "-out", tls.resolve("cert.pem").toString(),
                "-subj", "/O=Loadstack test/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        if (openssl.waitFor() != 0) {
            throw new IllegalStateException("openssl failed: " + output);
        }
    }
}
