package io.loadstack.api.plans;

/**
 * The rule for file names in a plan: agents write each file under its name into their work directory, so a
 * name must stay a plain name there on Linux and Windows alike.
 */
final class FileNames {

    static final int MAX_LENGTH = 200;

    private FileNames() {
    }

    /** @throws UnsafeFileNameException with the reason */
    static void requireSafe(String name) {
        if (name == null || name.isEmpty()) {
            throw new UnsafeFileNameException("", "it is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new UnsafeFileNameException(name.substring(0, 40) + "…", "it is longer than " + MAX_LENGTH + " characters");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new UnsafeFileNameException(name, "it holds a path separator");
        }
        if (name.contains("..")) {
            throw new UnsafeFileNameException(name, "it holds '..'");
        }
        if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.UNASSIGNED)) {
            throw new UnsafeFileNameException(printable(name), "it holds control or unassigned characters");
        }
        if (name.isBlank() || !name.strip().equals(name)) {
            throw new UnsafeFileNameException(name, "it starts or ends with white space");
        }
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(60).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
