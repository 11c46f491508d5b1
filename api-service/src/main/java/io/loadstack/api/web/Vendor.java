package io.loadstack.api.web;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * The browser libraries the dashboard uses, read from their WebJars. The version is looked up in the jar's
 * own pom.properties so that upgrading uPlot or Swagger UI is a change to the pom only.
 */
@Singleton
public class Vendor {

    private final String uplotDist;
    private final String swaggerUiDist;

    public Vendor() {
        this.uplotDist = "META-INF/resources/webjars/uplot/" + version("org.webjars.npm", "uplot") + "/dist/";
        this.swaggerUiDist = "META-INF/resources/webjars/swagger-ui/" + version("org.webjars", "swagger-ui") + "/";
    }

    /** A file of uPlot's dist folder, e.g. {@code uPlot.esm.js}; empty when there is no such file. */
    public Optional<byte[]> uplot(String file) {
        return read(uplotDist, file);
    }

    /** A file of Swagger UI's distribution, e.g. {@code swagger-ui-bundle.js}; empty when there is no such file. */
    public Optional<byte[]> swaggerUi(String file) {
        return read(swaggerUiDist, file);
    }

    private static Optional<byte[]> read(String folder, String file) {
        if (!file.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
            return Optional.empty();
        }
        try (InputStream in = Vendor.class.getClassLoader().getResourceAsStream(folder + file)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text(String uplotFile) {
        return new String(uplot(uplotFile).orElseThrow(() -> new IllegalStateException("uPlot has no " + uplotFile)),
                StandardCharsets.UTF_8);
    }

    private static String version(String group, String artifact) {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Vendor.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the " + artifact + " WebJar is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
