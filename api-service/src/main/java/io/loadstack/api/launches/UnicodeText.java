package io.loadstack.api.launches;

/**
 * Text that MySQL's and MariaDB's JSON columns take: no control characters, no unpaired UTF-16 surrogate
 * (MariaDB's JSON_VALID refuses both, and a generator's output may hold either).
 */
final class UnicodeText {

    private UnicodeText() {
    }

    static boolean isClean(String text) {
        return text.equals(clean(text));
    }

    /** Control characters become spaces (a tab stays), unpaired surrogates U+FFFD. */
    static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char replacement = c;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                replacement = '\uFFFD';
            } else if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0)) {
                replacement = ' ';
            }
            if (replacement != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement);
            }
        }
        return out == null ? text : out.toString();
    }

    /** At most {@code max} characters, never splitting a surrogate pair; "…" marks a cut. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
