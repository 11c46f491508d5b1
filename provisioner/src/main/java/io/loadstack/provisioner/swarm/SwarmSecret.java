package io.loadstack.provisioner.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Swarm secret given to every agent service as a file (LOADSTACK_PROVISIONER_SWARM_SECRETS): on a cluster the
 * agents' token and nginx's certificate cannot come from a volume, which is local to one node.
 */
public record SwarmSecret(String secret, String path) {

    /** Docker's rule for object names (secrets included): letters, digits, '-', '_' and '.'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** {@code secretName:/target/path,secretName:/target/path}. */
    public static List<SwarmSecret> parseList(String setting) {
        List<SwarmSecret> secrets = new ArrayList<>();
        for (String item : setting.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String name = colon < 0 ? trimmed : trimmed.substring(0, colon);
            String path = colon < 0 ? "" : trimmed.substring(colon + 1);
            if (!NAME.matcher(name).matches() || !path.startsWith("/") || path.endsWith("/") || path.contains(":")) {
                throw new IllegalArgumentException("LOADSTACK_PROVISIONER_SWARM_SECRETS: '" + trimmed
                        + "' is not secretName:/absolute/file (e.g. loadstack_agent_token:"
                        + "/etc/loadstack/agent-credentials/agent_token)");
            }
            secrets.add(new SwarmSecret(name, path));
        }
        return secrets;
    }
}
