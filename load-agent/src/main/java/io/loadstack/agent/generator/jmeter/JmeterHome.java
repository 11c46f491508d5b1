package io.loadstack.agent.generator.jmeter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A JMeter home of the share's own, in its work directory, as jmeter-maven-plugin makes one: {@code bin/}
 * holds JMeter's property files, taken from the ApacheJMeter_config jar on the classpath (JMeter from Maven
 * Central) or else from the {@code bin/} beside the lib directory (an unpacked JMeter distribution). Its
 * log configuration is Loadstack's: warnings and errors to standard error, which the agent ships to the
 * launch as log lines; no jmeter.log.
 */
final class JmeterHome {

    static final String DIRECTORY = ".loadstack-jmeter-home";
    private static final List<String> REQUIRED = List.of("jmeter.properties", "saveservice.properties", "upgrade.properties");
    private static final List<String> OPTIONAL = List.of("user.properties", "system.properties",
            "reportgenerator.properties", "hc.parameters", "jaas.conf", "krb5.conf");
    private static final String LOG_CONFIGURATION = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Configuration status="warn">
              <Appenders>
                <Console name="stderr" target="SYSTEM_ERR">
                  <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level %c{1}: %m%n"/>
                </Console>
              </Appenders>
              <Loggers>
                <Root level="warn"><AppenderRef ref="stderr"/></Root>
              </Loggers>
            </Configuration>
            """;

    private final Path home;

    private JmeterHome(Path home) {
        this.home = home;
    }

    /** @throws IOException naming a property file that is neither on the classpath nor beside {@code jmeterLib} */
    static JmeterHome make(Path workDirectory, Path jmeterLib) throws IOException {
        Path home = workDirectory.resolve(DIRECTORY);
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib").resolve("ext"));
        for (String name : REQUIRED) {
            if (!copy(name, bin, jmeterLib)) {
                throw new IOException("JMeter's bin/" + name + " is neither in ApacheJMeter_config's jar in " + jmeterLib
                        + " nor in " + jmeterLib.toAbsolutePath().getParent().resolve("bin"));
            }
        }
        for (String name : OPTIONAL) {
            copy(name, bin, jmeterLib);
        }
        Files.writeString(bin.resolve("log4j2.xml"), LOG_CONFIGURATION);
        return new JmeterHome(home);
    }

    private static boolean copy(String name, Path bin, Path jmeterLib) throws IOException {
        try (InputStream resource = JmeterHome.class.getResourceAsStream("/bin/" + name)) {
            if (resource != null) {
                Files.copy(resource, bin.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
        }
        Path beside = jmeterLib.toAbsolutePath().getParent().resolve("bin").resolve(name);
        if (Files.isRegularFile(beside)) {
            Files.copy(beside, bin.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        return false;
    }

    Path path() {
        return home;
    }

    Path bin(String name) {
        return home.resolve("bin").resolve(name);
    }
}
