package io.loadstack.testsupport.hostile;

import io.loadstack.testsupport.hostile.JsonText.Raw;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hostile pieces the corpus is made of, each with a label for the failure table: JSON values of
 * every wrong type and at the limits of every number type, strings of unicode edge cases and huge sizes,
 * bytes that are not UTF-8, path segments and query values.
 */
final class HostileValues {

    record Labelled<T>(String label, T value) {
    }

    private HostileValues() {
    }

    static final int DEEP = 10_000;

    static String deepArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String deepObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** The values every field gets; the rest of {@link #jsonValues} is sampled. */
    static final Set<String> CORE = Set.of("null", "true", "-1", "Long.MAX+1", "1e309", "NaN as text",
            "empty string", "string of 100,000 chars", "lone high surrogate", "empty array", "empty object", "10,000 nested arrays");

    /** JSON values to put where a valid one stood. */
    static List<Labelled<Object>> jsonValues() {
        return List.of(
                new Labelled<>("null", null),
                new Labelled<>("true", true),
                new Labelled<>("0", 0),
                new Labelled<>("-1", -1),
                new Labelled<>("-0", new Raw("-0")),
                new Labelled<>("-0.0", new Raw("-0.0")),
                new Labelled<>("1.5", 1.5),
                new Labelled<>("Integer.MAX+1", new Raw("2147483648")),
                new Labelled<>("Long.MAX", new Raw("9223372036854775807")),
                new Labelled<>("Long.MAX+1", new Raw("9223372036854775808")),
                new Labelled<>("Long.MIN-1", new Raw("-9223372036854775809")),
                new Labelled<>("30 digits", new Raw("123456789012345678901234567890")),
                new Labelled<>("1e309", new Raw("1e309")),
                new Labelled<>("-1e309", new Raw("-1e309")),
                new Labelled<>("4.9e-325", new Raw("4.9e-325")),
                new Labelled<>("1e-400", new Raw("1e-400")),
                new Labelled<>("1e2147483648", new Raw("1e2147483648")),
                new Labelled<>("1000-digit number", new Raw("9".repeat(1000))),
                new Labelled<>("NaN as text", "NaN"),
                new Labelled<>("Infinity as text", "Infinity"),
                new Labelled<>("NaN unquoted", new Raw("NaN")),
                new Labelled<>("Infinity unquoted", new Raw("-Infinity")),
                new Labelled<>("hex number", new Raw("0x10")),
                new Labelled<>("leading zeros", new Raw("007")),
                new Labelled<>("number as string", "42"),
                new Labelled<>("empty string", ""),
                new Labelled<>("blank string", " \t\n "),
                new Labelled<>("string of 100,000 chars", "x".repeat(100_000)),
                new Labelled<>("NUL in a string", "a\u0000b"),
                new Labelled<>("lone high surrogate", new Raw("\"a\\uD800b\"")),
                new Labelled<>("lone low surrogate", new Raw("\"\\uDFFF\"")),
                new Labelled<>("reversed surrogate pair", new Raw("\"\\uDE00\\uD83D\"")),
                new Labelled<>("RTL override", "\u202Egnp.exe"),
                new Labelled<>("emoji", "\uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"),
                new Labelled<>("2,000 emoji", "\uD83D\uDE00".repeat(2_000)),
                new Labelled<>("combining marks", "e" + "\u0301".repeat(500)),
                new Labelled<>("BOM and zero-width", "\uFEFF\u200B\u2060x"),
                new Labelled<>("noncharacters", "\uFFFE\uFFFF"),
                new Labelled<>("C1 controls", "\u0085\u009B"),
                new Labelled<>("path traversal", "../../../etc/passwd"),
                new Labelled<>("SQL", "'; DROP TABLE users; --"),
                new Labelled<>("HTML", "<script>alert(1)</script>"),
                new Labelled<>("percent escapes", "%00%zz%FF"),
                new Labelled<>("CRLF", "a\r\nSet-Cookie: x=y"),
                new Labelled<>("empty array", List.of()),
                new Labelled<>("empty object", Map.of()),
                new Labelled<>("array of mixed", JsonText.arr(1, "a", null, JsonText.arr(), Map.of())),
                new Labelled<>("Mongo-style operator", JsonText.obj("$ne", 1)),
                new Labelled<>("10,000 nested arrays", new Raw(deepArrays(DEEP))),
                new Labelled<>("10,000 nested objects", new Raw(deepObjects(DEEP))),
                new Labelled<>("1,000 nested arrays", new Raw(deepArrays(1_000))),
                new Labelled<>("array of 200,000 numbers", new Raw("[" + "1,".repeat(199_999) + "1]")),
                new Labelled<>("object of 20,000 keys", new Raw(manyKeys(20_000))));
    }

    static String manyKeys(int n) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return out.append('}').toString();
    }

    /** Byte sequences that are not UTF-8, to put inside a JSON string. */
    static List<Labelled<byte[]>> invalidUtf8() {
        return List.of(
                new Labelled<>("invalid UTF-8: lone continuation byte", new byte[]{(byte) 0x80}),
                new Labelled<>("invalid UTF-8: 0xFF 0xFE", new byte[]{(byte) 0xFF, (byte) 0xFE}),
                new Labelled<>("invalid UTF-8: truncated 2-byte", new byte[]{(byte) 0xC3}),
                new Labelled<>("invalid UTF-8: overlong slash", new byte[]{(byte) 0xC0, (byte) 0xAF}),
                new Labelled<>("invalid UTF-8: encoded surrogate", new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                new Labelled<>("invalid UTF-8: beyond U+10FFFF", new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                new Labelled<>("Latin-1 é", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Labels of {@link #jsonBodies} that are not JSON at all, which every parser must refuse. */
    static final Set<String> NOT_JSON = Set.of("body: truncated", "body: lone {", "body: lone }",
            "body: lone \"", "body: key without value", "body: valid then {}{}", "body: valid twice", "body: valid then garbage",
            "body: single quotes", "body: unquoted keys", "body: NUL bytes", "body: not JSON", "body: XML");

    /** Whole bodies for a route taking JSON. */
    static List<Labelled<String>> jsonBodies(String valid) {
        return List.of(
                new Labelled<>("body: null", "null"),
                new Labelled<>("body: []", "[]"),
                new Labelled<>("body: [valid]", "[" + valid + "]"),
                new Labelled<>("body: a string", "\"text\""),
                new Labelled<>("body: a number", "42"),
                new Labelled<>("body: true", "true"),
                new Labelled<>("body: {}", "{}"),
                new Labelled<>("body: truncated", valid.substring(0, valid.length() / 2)),
                new Labelled<>("body: lone {", "{"),
                new Labelled<>("body: lone }", "}"),
                new Labelled<>("body: lone \"", "\""),
                new Labelled<>("body: key without value", "{\"a\":"),
                new Labelled<>("body: valid then {}{}", valid + "{}{}"),
                new Labelled<>("body: valid twice", valid + valid),
                new Labelled<>("body: valid then garbage", valid + " garbage"),
                new Labelled<>("body: valid then NUL", valid + "\u0000"),
                new Labelled<>("body: whitespace only", " \n\t "),
                new Labelled<>("body: single quotes", valid.replace('"', '\'')),
                new Labelled<>("body: comments", "/* c */" + valid + "// c"),
                new Labelled<>("body: trailing comma", valid.endsWith("}") && valid.length() > 2 ? valid.substring(0, valid.length() - 1) + ",}" : valid),
                new Labelled<>("body: unquoted keys", valid.replaceAll("\"([A-Za-z]+)\":", "$1:")),
                new Labelled<>("body: 10,000 nested arrays", deepArrays(DEEP)),
                new Labelled<>("body: 10,000 nested objects", deepObjects(DEEP)),
                new Labelled<>("body: 100,000 nested arrays", deepArrays(100_000)),
                new Labelled<>("body: 20,000 unknown keys", manyKeys(20_000)),
                new Labelled<>("body: NUL bytes", "\u0000\u0000\u0000"),
                new Labelled<>("body: not JSON", "username=a&password=b"),
                new Labelled<>("body: XML", "<?xml version=\"1.0\"?><a>&xxe;</a>"));
    }

    /** Line-protocol bodies for the Influx write routes. */
    static List<Labelled<String>> lineBodies(String valid) {
        String line = valid.strip();
        return List.of(
                new Labelled<>("line: empty", ""),
                new Labelled<>("line: newlines only", "\n\n\r\n"),
                new Labelled<>("line: measurement only", "jmeter"),
                new Labelled<>("line: no fields", "jmeter,application=a 1700000000000000000"),
                new Labelled<>("line: trailing backslash", "jmeter,application=a\\"),
                new Labelled<>("line: escaped everything", "j\\ m\\,e,a\\=b=c\\ d x\\=y=1i"),
                new Labelled<>("line: unclosed string field", "jmeter x=\"abc"),
                new Labelled<>("line: Long.MAX+1 integer", "jmeter,application=a,statut=all count=9223372036854775808i"),
                new Labelled<>("line: Long.MIN-1 integer", "jmeter,application=a,statut=all count=-9223372036854775809i"),
                new Labelled<>("line: 1e309 float", "jmeter,application=a,statut=all avg=1e309"),
                new Labelled<>("line: NaN float", "jmeter,application=a,statut=all avg=NaN,count=NaNi"),
                new Labelled<>("line: -0", "jmeter,application=a,statut=all count=-0i,avg=-0"),
                new Labelled<>("line: timestamp beyond Long", "jmeter,application=a,statut=all count=1i 99999999999999999999"),
                new Labelled<>("line: timestamp Long.MAX", "jmeter,application=a,statut=all count=1i 9223372036854775807"),
                new Labelled<>("line: timestamp Long.MIN", "jmeter,application=a,statut=all count=1i -9223372036854775808"),
                new Labelled<>("line: timestamp not a number", "jmeter,application=a,statut=all count=1i 12ab"),
                new Labelled<>("line: 100,000-char tag", "jmeter,application=" + "a".repeat(100_000) + ",statut=all count=1i"),
                new Labelled<>("line: 5,000 tags", "jmeter" + ",t=v".repeat(5_000) + " count=1i"),
                new Labelled<>("line: 5,000 fields", "jmeter,application=a f=1" + ",f=1".repeat(4_999)),
                new Labelled<>("line: 100,000 lines", (line + "\n").repeat(100_000)),
                new Labelled<>("line: one 1 MB line", "jmeter,application=a,statut=all count=1i,x=\"" + "y".repeat(1_000_000) + "\""),
                new Labelled<>("line: NUL bytes", "jmeter\u0000,application=a count=1i"),
                new Labelled<>("line: unicode names", "\u202Ejm\uD83D\uDE00,\u0000app=\uFEFF count=1i"),
                new Labelled<>("line: k6 metric with hostile tags", "http_req_duration,method=GET,name=" + "\u00e9".repeat(10_000) + ",status=999999999999 value=1e308"),
                new Labelled<>("line: k6 metric, negative duration", "http_reqs,method=GET,name=/,status=200 value=-1"),
                new Labelled<>("line: JSON instead", "{\"a\":1}"),
                new Labelled<>("line: valid then garbage", line + "\n\u0001\u0002garbage"),
                new Labelled<>("line: CRLF lines", line + "\r\n" + line + "\r\n"),
                new Labelled<>("line: binary", "\u00ff\u00fe\u0001\u0002"));
    }

    /** Path segments in place of a valid path variable, sent as written. */
    static List<Labelled<String>> pathSegments() {
        return List.of(
                new Labelled<>("not a UUID", "not-a-uuid"),
                new Labelled<>("dot dot", ".."),
                new Labelled<>("encoded traversal", "..%2F..%2F..%2Fetc%2Fpasswd"),
                new Labelled<>("encoded dots", "%2e%2e"),
                new Labelled<>("double-encoded dots", "%252e%252e%252f"),
                new Labelled<>("%00", "%00"),
                new Labelled<>("uuid then %00", "7d444840-9dc0-11d1-b245-5ffdce74fad2%00"),
                new Labelled<>("invalid escape %zz", "%zz"),
                new Labelled<>("truncated escape %", "%"),
                new Labelled<>("%FF byte", "%FF%FE"),
                new Labelled<>("overlong slash %C0%AF", "%C0%AF"),
                new Labelled<>("encoded surrogate", "%ED%A0%80"),
                new Labelled<>("emoji", "%F0%9F%98%80"),
                new Labelled<>("RTL override", "%E2%80%AEabc"),
                new Labelled<>("raw UTF-8 bytes", "caf\u00e9"),
                new Labelled<>("encoded space", "%20"),
                new Labelled<>("SQL", "'%3BDROP%20TABLE%20runs%3B--"),
                new Labelled<>("1,000 chars", "a".repeat(1_000)),
                new Labelled<>("3,900 chars", "a".repeat(3_900)),
                new Labelled<>("10,000 chars", "a".repeat(10_000)),
                new Labelled<>("-1", "-1"),
                new Labelled<>("0", "0"),
                new Labelled<>("Long.MAX+1", "9223372036854775808"),
                new Labelled<>("1e309", "1e309"),
                new Labelled<>("NaN", "NaN"),
                new Labelled<>("uppercase unknown UUID", "7D444840-9DC0-11D1-B245-5FFDCE74FAD2"),
                new Labelled<>("unknown UUID", "00000000-0000-0000-0000-000000000000"),
                new Labelled<>("UUID without dashes", "7d4448409dc011d1b2455ffdce74fad2"),
                new Labelled<>("UUID in braces", "%7B7d444840-9dc0-11d1-b245-5ffdce74fad2%7D"),
                new Labelled<>("semicolon matrix param", "x;jsessionid=1"),
                new Labelled<>("encoded slash", "a%2Fb"),
                new Labelled<>("backslash", "a%5Cb"));
    }

    /** Query values in place of a valid one, sent as written. */
    static List<Labelled<String>> queryValues() {
        return List.of(
                new Labelled<>("empty", ""),
                new Labelled<>("traversal", "../../etc/passwd"),
                new Labelled<>("%00", "%00"),
                new Labelled<>("invalid escape %zz", "%zz"),
                new Labelled<>("truncated escape", "%"),
                new Labelled<>("%FF byte", "%FF"),
                new Labelled<>("encoded surrogate", "%ED%A0%80"),
                new Labelled<>("emoji", "%F0%9F%98%80"),
                new Labelled<>("raw UTF-8", "\u00e9\u263a"),
                new Labelled<>("3,000 chars", "a".repeat(3_000)),
                new Labelled<>("-1", "-1"),
                new Labelled<>("0", "0"),
                new Labelled<>("Integer.MAX+1", "2147483648"),
                new Labelled<>("Long.MAX+1", "9223372036854775808"),
                new Labelled<>("-0", "-0"),
                new Labelled<>("1e309", "1e309"),
                new Labelled<>("NaN", "NaN"),
                new Labelled<>("1.5", "1.5"),
                new Labelled<>("not a UUID", "not-a-uuid"),
                new Labelled<>("SQL", "'%20OR%201%3D1--"),
                new Labelled<>("LIKE wildcards", "%25%25_%25"),
                new Labelled<>("date far future", "99999-12-31T00:00:00Z"),
                new Labelled<>("date negative", "-999999999-01-01T00:00:00Z"),
                new Labelled<>("plus sign", "+"),
                new Labelled<>("array brackets", "[]"));
    }
}
