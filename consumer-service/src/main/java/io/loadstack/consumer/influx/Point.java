package io.loadstack.consumer.influx;

/**
 * One parsed line of line protocol. The parser reuses a single instance for every line of a body (no
 * per-line object churn): a handler must copy what it keeps before returning.
 */
public final class Point {

    static final byte FLOAT = 1;
    static final byte INTEGER = 2;
    static final byte UNSIGNED = 3;
    static final byte STRING = 4;
    static final byte BOOLEAN = 5;

    String measurement;
    int tagCount;
    String[] tagKeys = new String[16];
    String[] tagValues = new String[16];
    int fieldCount;
    String[] fieldKeys = new String[16];
    byte[] fieldTypes = new byte[16];
    double[] numbers = new double[16];
    String[] strings = new String[16];
    long timeNanos;

    void reset() {
        measurement = null;
        tagCount = 0;
        fieldCount = 0;
        timeNanos = 0;
    }

    void addTag(String key, String value) {
        if (tagCount == tagKeys.length) {
            tagKeys = java.util.Arrays.copyOf(tagKeys, tagCount * 2);
            tagValues = java.util.Arrays.copyOf(tagValues, tagCount * 2);
        }
        tagKeys[tagCount] = key;
        tagValues[tagCount++] = value;
    }

    void addField(String key, byte type, double number, String string) {
        if (fieldCount == fieldKeys.length) {
            int size = fieldCount * 2;
            fieldKeys = java.util.Arrays.copyOf(fieldKeys, size);
            fieldTypes = java.util.Arrays.copyOf(fieldTypes, size);
            numbers = java.util.Arrays.copyOf(numbers, size);
            strings = java.util.Arrays.copyOf(strings, size);
        }
        fieldKeys[fieldCount] = key;
        fieldTypes[fieldCount] = type;
        numbers[fieldCount] = number;
        strings[fieldCount++] = string;
    }

    public String measurement() {
        return measurement;
    }

    public long timeNanos() {
        return timeNanos;
    }

    public int tagCount() {
        return tagCount;
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** The tag's value, or null. Lines carry a handful of tags, so a scan beats a map. */
    public String tag(String key) {
        for (int i = 0; i < tagCount; i++) {
            if (tagKeys[i].equals(key)) {
                return tagValues[i];
            }
        }
        return null;
    }

    public String tagKey(int i) {
        return tagKeys[i];
    }

    public String tagValue(int i) {
        return tagValues[i];
    }

    public String fieldKey(int i) {
        return fieldKeys[i];
    }

    private int field(String key) {
        for (int i = 0; i < fieldCount; i++) {
            if (fieldKeys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    public boolean hasField(String key) {
        return field(key) >= 0;
    }

    /** A numeric (float, integer, unsigned or boolean as 0/1) field, or NaN when absent or a string. */
    public double number(String key) {
        int i = field(key);
        return i < 0 || fieldTypes[i] == STRING ? Double.NaN : numbers[i];
    }

    /** A string field, or null when absent or not a string. */
    public String string(String key) {
        int i = field(key);
        return i < 0 || fieldTypes[i] != STRING ? null : strings[i];
    }

    public boolean isInteger(String key) {
        int i = field(key);
        return i >= 0 && (fieldTypes[i] == INTEGER || fieldTypes[i] == UNSIGNED);
    }

    public boolean isBoolean(String key) {
        int i = field(key);
        return i >= 0 && fieldTypes[i] == BOOLEAN;
    }
}
