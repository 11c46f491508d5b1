package io.loadstack.agent.plan;

import java.util.regex.Pattern;

/**
 * A file of a plan version as an assignment names it: the name it gets in the work directory, and the
 * SHA-256 and size its bytes must have. Checked here, on the agent, although Loadstack checks names too: a
 * name is a path the agent writes to, and the hash becomes a file name in its cache.
 */
public record PlanFile(String name, String sha256, long size) {

    static final int MAX_NAME_CHARS = 200;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** @throws PlanFileException when the name is not a plain file name, the hash not a SHA-256 or the size negative */
    public PlanFile {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            throw new PlanFileException("a plan file's name must be 1 to " + MAX_NAME_CHARS + " characters: " + quoted(name));
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..") || name.equals(".")
                || name.codePoints().anyMatch(c -> Character.isISOControl(c) || !Character.isDefined(c))) {
            throw new PlanFileException("plan file " + quoted(name) + ": not a plain file name (no /, \\, .. or control characters)");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new PlanFileException("plan file " + quoted(name) + ": its SHA-256 is not 64 lowercase hex digits: " + quoted(sha256));
        }
        if (size < 0) {
            throw new PlanFileException("plan file " + quoted(name) + ": negative size " + size);
        }
    }

    static String quoted(String text) {
        return text == null ? "null" : "'" + text.codePoints()
                .mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat) + "'";
    }
}
