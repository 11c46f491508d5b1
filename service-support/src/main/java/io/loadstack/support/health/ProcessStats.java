package io.loadstack.support.health;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads this JVM's CPU, memory and uptime the way an operator means them (RSS from the kernel, not the heap alone). */
final class ProcessStats {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private ProcessStats() {
    }

    static HealthReport.Cpu cpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return new HealthReport.Cpu(fraction(os.getProcessCpuLoad()), fraction(os.getCpuLoad()));
        }
        return new HealthReport.Cpu(0, 0);
    }

    static HealthReport.Memory memory() {
        Runtime runtime = Runtime.getRuntime();
        return new HealthReport.Memory(runtime.totalMemory() - runtime.freeMemory(), runtime.maxMemory(), rssBytes());
    }

    static double uptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }

    /** The MXBean answers a negative value until it has two samples; report that as idle, never as garbage. */
    private static double fraction(double load) {
        if (Double.isNaN(load) || load < 0) {
            return 0;
        }
        return Math.min(1.0, Math.round(load * 10_000) / 10_000.0);
    }

    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux or /proc hidden: RSS is unknown, which the report shows as 0.
        }
        return 0;
    }
}
