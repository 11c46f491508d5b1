package io.loadstack.clients.gatling.shop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ShopSimulation} in a JVM of its own, as {@code gatling.sh} would run it, on the test's classpath (the
 * module's own Gatling version) with the given {@code gatling.conf} ahead of it.
 */
public final class GatlingProcess {

    private GatlingProcess() {
    }

    /**
     * @param jvmOptions  options the Gatling version's launcher script adds
     * @return the results folder Gatling was given ({@code -rf}); the run's own folder is inside it
     */
    public static Path runShop(String gatlingConf, String target, Path responseTimes, String... jvmOptions) throws Exception {
        Path conf = Files.createTempDirectory("gatling-conf");
        Path results = Files.createTempDirectory("gatling-results");
        Files.writeString(conf.resolve("gatling.conf"), gatlingConf);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-Dtarget=" + target, "-DresponseTimes=" + responseTimes,
                "-cp", conf + File.pathSeparator + System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("io.gatling.app.Gatling", "-s", ShopSimulation.class.getName(), "-rf", results.toString()));
        Path log = Files.createTempFile("gatling", ".log");
        Process gatling = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = gatling.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            gatling.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(done, "Gatling did not finish:\n" + output);
        // Gatling exits 0, or 2 when assertions fail (the shop has none)
        assertEquals(0, gatling.exitValue(), output);
        return results;
    }
}
