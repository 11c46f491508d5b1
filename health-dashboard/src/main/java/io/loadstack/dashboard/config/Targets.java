package io.loadstack.dashboard.config;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed {@code LOADSTACK_DASHBOARD_TARGETS}. A typo there would silently hide a service from the
 * operator, so a malformed entry stops the start with a message naming it.
 */
@Singleton
public class Targets {

    /** The dashboard's own database shows as one more card, so that "db down" is visible at a glance. */
    public static final String DATABASE = "database";

    private final List<Target> all;

    public Targets(DashboardSettings settings) {
        this.all = parse(settings.targets(), settings.monit(), settings.monitPort(), hasText(settings.monitPassword()));
    }

    public List<Target> all() {
        return all;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        all.forEach(t -> names.add(t.name()));
        names.add(DATABASE);
        return names;
    }

    static List<Target> parse(String targets, String monit, int monitPort, boolean monitCredentials) {
        Map<String, URI> services = pairs("LOADSTACK_DASHBOARD_TARGETS", targets);
        String monitMode = monit == null || monit.isBlank() ? "auto" : monit.trim().toLowerCase(Locale.ROOT);
        Map<String, URI> monitUrls = monitMode.equals("auto") || monitMode.equals("off")
                ? Map.of() : pairs("LOADSTACK_DASHBOARD_MONIT", monit);
        List<Target> parsed = new ArrayList<>();
        services.forEach((name, url) -> {
            URI monitUrl = null;
            if (monitUrls.containsKey(name)) {
                monitUrl = monitUrls.get(name);
            } else if (monitMode.equals("auto") && monitCredentials) {
                // Every Loadstack container runs Monit on 2812 beside its service: same host, other port.
                monitUrl = URI.create(url.getScheme() + "://" + url.getHost() + ":" + monitPort + "/");
            }
            parsed.add(new Target(name, url, monitUrl));
        });
        return List.copyOf(parsed);
    }

    private static Map<String, URI> pairs(String variable, String value) {
        Map<String, URI> pairs = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return pairs;
        }
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                throw new ConfigurationException(variable + ": '" + trimmed + "' is not name=url (e.g. appserver1=http://appserver1:8080)");
            }
            String name = trimmed.substring(0, eq).trim();
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new ConfigurationException(variable + ": name '" + name + "' may use letters, digits, '.', '_', '-' (at most 64)");
            }
            if (name.equals(DATABASE)) {
                throw new ConfigurationException(variable + ": '" + DATABASE + "' is the dashboard's own database card; pick another name");
            }
            URI uri;
            try {
                uri = URI.create(trimmed.substring(eq + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(variable + ": '" + trimmed + "' has no valid URL: " + e.getMessage());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigurationException(variable + ": '" + trimmed + "' needs an http:// or https:// URL with a host");
            }
            if (pairs.put(name, uri) != null) {
                throw new ConfigurationException(variable + ": '" + name + "' is listed twice");
            }
        }
        return pairs;
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
