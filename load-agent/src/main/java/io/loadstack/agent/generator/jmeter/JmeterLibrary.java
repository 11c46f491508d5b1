package io.loadstack.agent.generator.jmeter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A JMeter installation's jars, laid out either as JMeter's distribution has them ({@code lib/} with the
 * components in {@code lib/ext/}) or flat, as from Maven Central (every jar in one directory).
 */
final class JmeterLibrary {

    private JmeterLibrary() {
    }

    /** What goes on the driver's classpath after the agent's jar. */
    static String classpath(Path lib) {
        String path = lib.resolve("*").toString();
        Path ext = lib.resolve("ext");
        return Files.isDirectory(ext) ? path + File.pathSeparator + ext.resolve("*") : path;
    }

    /**
     * JMeter's {@code search_paths}: where it looks for functions and components. As in an installation, only
     * JMeter's own jars ({@code lib/ext}, or the {@code ApacheJMeter_*.jar} of a flat directory): searching all
     * of {@code lib} loads every class of every library and takes seconds.
     */
    static String searchPaths(Path lib) throws IOException {
        List<String> paths = new ArrayList<>();
        Path ext = lib.resolve("ext");
        if (Files.isDirectory(ext)) {
            paths.add(ext.toAbsolutePath().toString());
        }
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(jar -> jar.getFileName().toString().matches("ApacheJMeter_.*\\.jar"))
                    .sorted()
                    .forEach(jar -> paths.add(jar.toAbsolutePath().toString()));
        }
        return String.join(";", paths);
    }
}
