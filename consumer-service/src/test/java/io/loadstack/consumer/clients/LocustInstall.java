package io.loadstack.consumer.clients;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the Locust tests run: the packaged consumer, the plugin from {@code clients/locust}, and a Python with
 * Locust (Debian's python3-locust, or the one {@code LOADSTACK_LOCUST_PYTHON} names).
 */
final class LocustInstall {

    static final Path CONSUMER_JAR = Path.of("target", "consumer-service.jar");
    static final Path PLUGIN_DIR = Path.of("..", "clients", "locust").toAbsolutePath().normalize();
    static final String PYTHON = System.getenv().getOrDefault("LOADSTACK_LOCUST_PYTHON", "/usr/bin/python3");

    private LocustInstall() {
    }

    /** Whether {@link #PYTHON} can import Locust; the tests are skipped, not failed, where it cannot. */
    static boolean available() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import locust").redirectErrorStream(true).start();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
