package io.loadstack.support.targets;

import java.util.regex.Pattern;

/**
 * What a host name in a target URL or an entry may be: DNS labels of letters, digits and '-', at most 253
 * characters, the last label not all digits (so that "127.1" or "10.0.0.300" is never taken for a name: a
 * resolver would read some of them as addresses).
 */
final class HostNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private HostNames() {
    }

    /** @param name lower case, without a trailing dot */
    static boolean isValid(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !DIGITS.matcher(labels[labels.length - 1]).matches();
    }
}
