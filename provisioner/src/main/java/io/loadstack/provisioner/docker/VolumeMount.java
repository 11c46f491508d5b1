package io.loadstack.provisioner.docker;

import java.util.ArrayList;
import java.util.List;

/** A named volume mounted read-only at a path in every agent container. */
public record VolumeMount(String volume, String path) {

    /** {@code volume:/path,volume:/path} (LOADSTACK_PROVISIONER_VOLUMES). */
    public static List<VolumeMount> parseList(String setting) {
        List<VolumeMount> mounts = new ArrayList<>();
        for (String item : setting.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1 || trimmed.charAt(colon + 1) != '/') {
                throw new IllegalArgumentException("LOADSTACK_PROVISIONER_VOLUMES: '" + trimmed
                        + "' is not volume:/path (e.g. loadstack_agent-credentials:/etc/loadstack/agent-credentials)");
            }
            String path = trimmed.substring(colon + 1);
            if (path.endsWith(":ro")) {
                path = path.substring(0, path.length() - 3);
            }
            mounts.add(new VolumeMount(trimmed.substring(0, colon), path));
        }
        return mounts;
    }
}
