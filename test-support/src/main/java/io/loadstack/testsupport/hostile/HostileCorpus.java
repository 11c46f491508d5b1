package io.loadstack.testsupport.hostile;

import io.loadstack.testsupport.hostile.HostileValues.Labelled;
import io.loadstack.testsupport.hostile.JsonText.Raw;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A deterministic corpus of hostile requests for a list of routes: for each route, a valid request with one
 * part made hostile at a time (credentials, each path variable, each query value, each body field, the
 * whole body, its Content-Type and Content-Encoding, the method). The same seed gives the same corpus;
 * where a route has more field mutations than its budget, the seed picks which are sent.
 */
public final class HostileCorpus {

    /** The seed unless {@code -Dhostile.seed} gives another, e.g. to reproduce a failure seen elsewhere. */
    public static final long DEFAULT_SEED = 20261202L;

    private static final byte[] BAD_UTF8_MARK = "@@BAD-UTF8@@".getBytes(StandardCharsets.US_ASCII);
    private static byte[] gzipBomb;

    private final long seed;
    private final int fieldMutationsPerRoute;
    private final HostileTokens tokens;

    private HostileCorpus(long seed, int fieldMutationsPerRoute, HostileTokens tokens) {
        this.seed = seed;
        this.fieldMutationsPerRoute = fieldMutationsPerRoute;
        this.tokens = tokens;
    }

    /** @param fieldMutationsPerRoute how many field-level mutations each route gets at most (the sampled part) */
    public static HostileCorpus seeded(HostileTokens tokens, int fieldMutationsPerRoute) {
        long seed = Long.getLong("hostile.seed", DEFAULT_SEED);
        return new HostileCorpus(seed, Integer.getInteger("hostile.field-mutations", fieldMutationsPerRoute), tokens);
    }

    public long seed() {
        return seed;
    }

    public List<Probe> probes(List<Route> routes) {
        List<Probe> probes = new ArrayList<>();
        for (Route route : routes) {
            probes.addAll(probes(route));
        }
        return probes;
    }

    public List<Probe> probes(Route route) {
        Random random = new Random(seed ^ route.key().hashCode());
        List<Probe> probes = new ArrayList<>();
        if (route.method().equals("WEBSOCKET")) {
            webSocket(route, probes);
            return probes;
        }
        probes.add(probe(route, "valid request", route.pathValues(), route.queryValues(), headers(route, true), validBody(route)));
        credentials(route, probes);
        pathVariables(route, probes);
        queryValues(route, probes);
        if (route.takesBody()) {
            if (route.isJson()) {
                jsonBodies(route, probes);
                List<Probe> fields = new ArrayList<>();
                jsonFields(route, probes, fields);
                Collections.shuffle(fields, random);
                probes.addAll(fields.subList(0, Math.min(fieldMutationsPerRoute, fields.size())));
            } else if (route.body() instanceof String) {
                lineBodies(route, probes);
            } else if (route.body() instanceof FormBody form) {
                formBodies(route, form, probes);
            }
            contentTypes(route, probes);
            contentEncodings(route, probes);
            framing(route, probes);
            probes.add(probe(route, "body over the size limit (" + route.maxBodyBytes() + " bytes + 1 KB)",
                    route.pathValues(), route.queryValues(), headers(route, true), oversized(route)));
        } else {
            probes.add(probe(route, "unexpected JSON body on " + route.method(), route.pathValues(), route.queryValues(),
                    withHeader(headers(route, true), "Content-Type", "application/json"),
                    "{\"a\":[1,2,{\"b\":null}]}".getBytes(StandardCharsets.UTF_8)));
            probes.add(probe(route, "unexpected 10,000-deep body on " + route.method(), route.pathValues(), route.queryValues(),
                    withHeader(headers(route, true), "Content-Type", "application/json"),
                    HostileValues.deepArrays(HostileValues.DEEP).getBytes(StandardCharsets.UTF_8)));
        }
        if (route.method().equals("GET")) {
            Probe valid = probe(route, "HEAD of the valid request", route.pathValues(), route.queryValues(), headers(route, true), null);
            probes.add(new Probe(valid.route(), valid.input(), "HEAD", valid.target(), valid.headers(), null));
            Probe anonymous = probe(route, "HEAD without credentials", route.pathValues(), route.queryValues(), headers(route, false), null);
            probes.add(new Probe(anonymous.route(), anonymous.input(), "HEAD", anonymous.target(), anonymous.headers(), null));
        }
        for (String method : List.of("PATCH", "FOO")) {
            Probe valid = probe(route, "method " + method, route.pathValues(), route.queryValues(), headers(route, true), validBody(route));
            probes.add(new Probe(valid.route(), valid.input(), method, valid.target(), valid.headers(), valid.body()));
        }
        return probes;
    }

    private void credentials(Route route, List<Probe> probes) {
        List<HostileTokens.Variant> variants = tokens.hostile(route.auth());
        if (route.auth() == Route.Auth.ANONYMOUS) {
            // An open route must ignore what it does not need; a few kinds suffice.
            variants = variants.stream().filter(v -> v.header() != null).limit(6).toList();
        }
        for (HostileTokens.Variant variant : variants) {
            List<Probe.Header> headers = headers(route, false);
            if (variant.header() != null) {
                headers.add(new Probe.Header("Authorization", variant.header()));
            }
            probes.add(probe(route, "auth: " + variant.label(), route.pathValues(), route.queryValues(), headers, validBody(route)));
        }
    }

    private void pathVariables(Route route, List<Probe> probes) {
        for (String variable : route.pathValues().keySet()) {
            for (Labelled<String> segment : HostileValues.pathSegments()) {
                Map<String, String> values = new LinkedHashMap<>(route.pathValues());
                values.put(variable, segment.value());
                probes.add(probe(route, "path {" + variable + "}: " + segment.label(), values, route.queryValues(),
                        headers(route, true), validBody(route)));
            }
            Map<String, String> empty = new LinkedHashMap<>(route.pathValues());
            empty.put(variable, "");
            probes.add(probe(route, "path {" + variable + "}: empty segment", empty, route.queryValues(), headers(route, true), validBody(route)));
        }
    }

    private void queryValues(Route route, List<Probe> probes) {
        for (String name : route.queryValues().keySet()) {
            for (Labelled<String> value : HostileValues.queryValues()) {
                Map<String, String> values = new LinkedHashMap<>(route.queryValues());
                values.put(name, value.value());
                probes.add(probe(route, "query " + name + "=" + value.label(), route.pathValues(), values, headers(route, true), validBody(route)));
            }
            Map<String, String> without = new LinkedHashMap<>(route.queryValues());
            without.remove(name);
            probes.add(probe(route, "query " + name + " left out", route.pathValues(), without, headers(route, true), validBody(route)));
            Probe twice = probe(route, "query " + name + " twice", route.pathValues(), route.queryValues(), headers(route, true), validBody(route));
            probes.add(new Probe(twice.route(), twice.input(), twice.method(),
                    twice.target() + (twice.target().contains("?") ? "&" : "?") + name + "=other", twice.headers(), twice.body()));
        }
        for (Labelled<String> query : List.of(
                new Labelled<>("unknown parameter", "zzz=1"),
                new Labelled<>("bare ?", ""),
                new Labelled<>("1,000 parameters", "a=1&".repeat(1_000)),
                new Labelled<>("parameter name %00", "%00=%00"),
                new Labelled<>("only separators", "&&&==&="))) {
            Probe probe = probe(route, "query: " + query.label(), route.pathValues(), route.queryValues(), headers(route, true), validBody(route));
            probes.add(new Probe(probe.route(), probe.input(), probe.method(),
                    probe.target() + (probe.target().contains("?") ? "&" : "?") + query.value(), probe.headers(), probe.body()));
        }
    }

    private void jsonBodies(Route route, List<Probe> probes) {
        String valid = JsonText.write(route.body());
        for (Labelled<String> body : HostileValues.jsonBodies(valid)) {
            Probe probe = probe(route, body.label(), route.pathValues(), route.queryValues(), headers(route, true),
                    body.value().getBytes(StandardCharsets.UTF_8));
            probes.add(HostileValues.NOT_JSON.contains(body.label()) ? probe.rejected() : probe);
        }
        probes.add(probe(route, "body: empty", route.pathValues(), route.queryValues(), headers(route, true), new byte[0]));
        probes.add(probe(route, "body: none, no Content-Length", route.pathValues(), route.queryValues(), headers(route, true), null));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        probes.add(probe(route, "body: UTF-8 BOM first", route.pathValues(), route.queryValues(), headers(route, true),
                concat(bom, valid.getBytes(StandardCharsets.UTF_8))));
        probes.add(probe(route, "body: UTF-16 with charset=utf-16", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Content-Type", "application/json; charset=utf-16"), valid.getBytes(StandardCharsets.UTF_16)));
        probes.add(probe(route, "body: UTF-32 without charset", route.pathValues(), route.queryValues(), headers(route, true),
                valid.getBytes(Charset.forName("UTF-32"))));
        if (route.body() instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                for (Labelled<Object> second : List.of(new Labelled<Object>("{}", Map.of()), new Labelled<Object>("null", null),
                        new Labelled<Object>("10,000-char string", "d".repeat(10_000)))) {
                    String duplicated = valid.substring(0, valid.length() - 1) + "," + JsonText.write(key) + ":" + JsonText.write(second.value()) + "}";
                    probes.add(probe(route, "duplicate key " + key + " (second " + second.label() + ")", route.pathValues(),
                            route.queryValues(), headers(route, true), duplicated.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
    }

    /**
     * Every field of the valid body, at every depth, replaced by each hostile value or removed: the core
     * values and the removal go to {@code core}, the rest to {@code sampled}.
     */
    private void jsonFields(Route route, List<Probe> core, List<Probe> sampled) {
        List<List<Object>> paths = new ArrayList<>();
        leaves(route.body(), new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            String name = pathName(path);
            for (Labelled<Object> value : HostileValues.jsonValues()) {
                Object body = replaced(route.body(), path, value.value());
                Probe probe = jsonProbe(route, "field " + name + " = " + value.label(), JsonText.write(body).getBytes(StandardCharsets.UTF_8));
                (HostileValues.CORE.contains(value.label()) ? core : sampled).add(probe);
            }
            for (Labelled<byte[]> bytes : HostileValues.invalidUtf8()) {
                Object body = replaced(route.body(), path, new Raw("\"a" + new String(BAD_UTF8_MARK, StandardCharsets.US_ASCII) + "b\""));
                sampled.add(jsonProbe(route, "field " + name + " = " + bytes.label(),
                        replaceMark(JsonText.write(body).getBytes(StandardCharsets.UTF_8), bytes.value())));
            }
            if (!path.isEmpty()) {
                Object removed = removed(route.body(), path);
                core.add(jsonProbe(route, "field " + name + " left out", JsonText.write(removed).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private Probe jsonProbe(Route route, String input, byte[] body) {
        return probe(route, input, route.pathValues(), route.queryValues(), headers(route, true), body);
    }

    private void lineBodies(Route route, List<Probe> probes) {
        for (Labelled<String> body : HostileValues.lineBodies((String) route.body())) {
            probes.add(probe(route, body.label(), route.pathValues(), route.queryValues(), headers(route, true),
                    body.value().getBytes(StandardCharsets.UTF_8)));
        }
        for (Labelled<byte[]> bytes : HostileValues.invalidUtf8()) {
            byte[] line = ("jmeter,application=a" + new String(BAD_UTF8_MARK, StandardCharsets.US_ASCII) + ",statut=all count=1i")
                    .getBytes(StandardCharsets.UTF_8);
            probes.add(probe(route, "line: tag with " + bytes.label(), route.pathValues(), route.queryValues(), headers(route, true),
                    replaceMark(line, bytes.value())));
        }
        probes.add(probe(route, "line: none, no Content-Length", route.pathValues(), route.queryValues(), headers(route, true), null));
    }

    private void contentTypes(Route route, List<Probe> probes) {
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=----x", "multipart/form-data", "application/json; charset=bogus-charset",
                "application/json; charset=utf-32", "application/json;;;;", "*/*", "application/*", "",
                "application/json; " + "p=v; ".repeat(500), "\u00e9/\u263a", "application/octet-stream")) {
            probes.add(probe(route, "Content-Type '" + shorten(type) + "'", route.pathValues(), route.queryValues(),
                    withHeader(headers(route, true), "Content-Type", type), validBody(route)));
        }
        List<Probe.Header> without = headers(route, true);
        without.removeIf(h -> h.name().equals("Content-Type"));
        probes.add(probe(route, "no Content-Type", route.pathValues(), route.queryValues(), without, validBody(route)));
    }

    private void contentEncodings(Route route, List<Probe> probes) {
        byte[] valid = validBody(route) == null ? new byte[0] : validBody(route);
        probes.add(probe(route, "gzip bomb (200 MB of zeros)", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Content-Encoding", "gzip"), gzipBomb()));
        probes.add(probe(route, "gzip bomb without Content-Encoding", route.pathValues(), route.queryValues(), headers(route, true), gzipBomb()));
        probes.add(probe(route, "gzip of the valid body", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Content-Encoding", "gzip"), gzip(valid)));
        byte[] brokenGzip = concat(new byte[]{0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0}, "not deflate data".getBytes(StandardCharsets.US_ASCII));
        probes.add(probe(route, "invalid gzip", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Content-Encoding", "gzip"), brokenGzip));
        byte[] truncated = gzip(valid);
        probes.add(probe(route, "truncated gzip", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Content-Encoding", "gzip"), Arrays.copyOf(truncated, truncated.length / 2)));
        for (String encoding : List.of("deflate", "br", "zstd", "snappy", "gzip, gzip", "x-evil", "identity", "")) {
            probes.add(probe(route, "Content-Encoding '" + encoding + "' over plain bytes", route.pathValues(), route.queryValues(),
                    withHeader(headers(route, true), "Content-Encoding", encoding), valid));
        }
    }

    /** The body's framing: chunked encodings that are wrong, and a framing that contradicts itself. */
    private void framing(Route route, List<Probe> probes) {
        byte[] valid = validBody(route) == null ? new byte[0] : validBody(route);
        String hex = Integer.toHexString(valid.length);
        byte[] chunked = concat((hex + "\r\n").getBytes(StandardCharsets.US_ASCII), valid, "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        probes.add(probe(route, "chunked body", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Transfer-Encoding", "chunked"), chunked));
        probes.add(probe(route, "chunked with a chunk size that is not hex", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Transfer-Encoding", "chunked"), "zz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        probes.add(probe(route, "chunked with a chunk size beyond Long", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Transfer-Encoding", "chunked"), "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        probes.add(probe(route, "Transfer-Encoding and Content-Length together", route.pathValues(), route.queryValues(),
                withHeader(withHeader(headers(route, true), "Transfer-Encoding", "chunked"), "Content-Length", Integer.toString(chunked.length)), chunked));
        probes.add(probe(route, "unknown Transfer-Encoding", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Transfer-Encoding", "x-evil"), valid));
        probes.add(probe(route, "Content-Length not a number", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Content-Length", "abc"), valid));
        probes.add(probe(route, "Content-Length negative", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Content-Length", "-1"), valid));
        probes.add(probe(route, "Expect: 100-continue", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Expect", "100-continue"), valid));
        probes.add(probe(route, "Expect: something else", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Expect", "x-teapot"), valid));
    }

    /** A multipart body broken in its framing, one way at a time. */
    private void formBodies(Route route, FormBody form, List<Probe> probes) {
        String valid = form.text();
        String dash = "--" + form.boundary();
        String part = dash + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"%s\"\r\n\r\nx\r\n";
        String close = dash + "--\r\n";
        String open = valid.substring(0, valid.lastIndexOf(close));
        for (Labelled<String> body : List.of(
                new Labelled<>("form: no closing boundary", open),
                new Labelled<>("form: cut in the middle", valid.substring(0, valid.length() / 2)),
                new Labelled<>("form: only the closing boundary", close),
                new Labelled<>("form: another boundary than the header's", valid.replace(form.boundary(), "other-boundary")),
                new Labelled<>("form: part without Content-Disposition", open + dash + "\r\nContent-Type: text/plain\r\n\r\nx\r\n" + close),
                new Labelled<>("form: part without a name", open + dash + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n" + close),
                new Labelled<>("form: file name ../../etc/passwd", open + String.format(part, "../../etc/passwd") + close),
                new Labelled<>("form: file name %00", open + String.format(part, "a\u0000b") + close),
                new Labelled<>("form: 10,000-char file name", open + String.format(part, "f".repeat(10_000)) + close),
                new Labelled<>("form: 64 KB part header", open + dash + "\r\nX-Pad: " + "p".repeat(64 * 1024)
                        + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"p.csv\"\r\n\r\nx\r\n" + close),
                new Labelled<>("form: 1,000 tiny parts", open + String.format(part, "f.csv").repeat(1_000) + close),
                new Labelled<>("form: unknown part", open + dash + "\r\nContent-Disposition: form-data; name=\"zzz\"\r\n\r\nx\r\n" + close))) {
            probes.add(probe(route, body.label(), route.pathValues(), route.queryValues(), headers(route, true),
                    body.value().getBytes(StandardCharsets.ISO_8859_1)));
        }
        probes.add(probe(route, "form: Content-Type without boundary", route.pathValues(), route.queryValues(),
                withHeader(headers(route, true), "Content-Type", "multipart/form-data"), form.bytes()));
    }

    /** The gzip bombs of {@link #probes(Route)} for these routes, to send several at once. */
    public List<Probe> bombs(List<Route> routes) {
        List<Probe> bombs = new ArrayList<>();
        for (Route route : routes) {
            if (route.takesBody()) {
                bombs.add(probe(route, "gzip bomb (200 MB of zeros)", route.pathValues(), route.queryValues(),
                        withHeader(headers(route, true), "Content-Encoding", "gzip"), gzipBomb()));
                bombs.add(probe(route, "gzip bomb without Content-Encoding", route.pathValues(), route.queryValues(), headers(route, true), gzipBomb()));
            }
        }
        return bombs;
    }

    private void webSocket(Route route, List<Probe> probes) {
        probes.add(probe(route, "upgrade, valid", route.pathValues(), route.queryValues(), upgrade(), null));
        for (HostileTokens.Variant variant : tokens.hostileQueryTokens()) {
            Map<String, String> query = new LinkedHashMap<>(route.queryValues());
            if (variant.header() == null) {
                query.remove("token");
            } else {
                query.put("token", variant.header());
            }
            probes.add(probe(route, "upgrade, " + variant.label(), route.pathValues(), query, upgrade(), null));
        }
        for (String variable : route.pathValues().keySet()) {
            for (Labelled<String> segment : HostileValues.pathSegments()) {
                Map<String, String> values = new LinkedHashMap<>(route.pathValues());
                values.put(variable, segment.value());
                probes.add(probe(route, "upgrade, path {" + variable + "}: " + segment.label(), values, route.queryValues(), upgrade(), null));
            }
        }
        List<Probe.Header> badVersion = upgrade();
        badVersion.removeIf(h -> h.name().equals("Sec-WebSocket-Version"));
        badVersion.add(new Probe.Header("Sec-WebSocket-Version", "999"));
        probes.add(probe(route, "upgrade, unknown websocket version", route.pathValues(), route.queryValues(), badVersion, null));
        List<Probe.Header> noKey = upgrade();
        noKey.removeIf(h -> h.name().equals("Sec-WebSocket-Key"));
        probes.add(probe(route, "upgrade without Sec-WebSocket-Key", route.pathValues(), route.queryValues(), noKey, null));
        probes.add(probe(route, "plain GET, no upgrade", route.pathValues(), route.queryValues(), new ArrayList<>(), null));
        Probe post = probe(route, "POST with a body", route.pathValues(), route.queryValues(),
                new ArrayList<>(List.of(new Probe.Header("Content-Type", "application/json"))), "{}".getBytes(StandardCharsets.UTF_8));
        probes.add(new Probe(post.route(), post.input(), "POST", post.target(), post.headers(), post.body()));
    }

    private static List<Probe.Header> upgrade() {
        return new ArrayList<>(List.of(
                new Probe.Header("Upgrade", "websocket"),
                new Probe.Header("Connection", "Upgrade"),
                new Probe.Header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                new Probe.Header("Sec-WebSocket-Version", "13")));
    }

    private Probe probe(Route route, String input, Map<String, String> pathValues, Map<String, String> queryValues,
                        List<Probe.Header> headers, byte[] body) {
        String method = route.method().equals("WEBSOCKET") ? "GET" : route.method();
        return new Probe(route.key(), input, method, route.path(pathValues) + route.query(queryValues), headers, body);
    }

    private List<Probe.Header> headers(Route route, boolean withValidCredentials) {
        List<Probe.Header> headers = new ArrayList<>();
        if (route.takesBody()) {
            headers.add(new Probe.Header("Content-Type", route.body() instanceof FormBody form ? form.contentType()
                    : route.isJson() ? "application/json" : "text/plain; charset=utf-8"));
        }
        String valid = tokens.valid(route.auth());
        if (withValidCredentials && valid != null) {
            headers.add(new Probe.Header("Authorization", valid));
        }
        return headers;
    }

    private static List<Probe.Header> withHeader(List<Probe.Header> headers, String name, String value) {
        headers.removeIf(h -> h.name().equalsIgnoreCase(name));
        headers.add(new Probe.Header(name, value));
        return headers;
    }

    private static byte[] validBody(Route route) {
        if (!route.takesBody() || route.body() == null) {
            return null;
        }
        if (route.body() instanceof FormBody form) {
            return form.bytes();
        }
        return (route.body() instanceof String text ? text : JsonText.write(route.body())).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] oversized(Route route) {
        int size = route.maxBodyBytes() + 1024;
        if (route.isJson()) {
            String head = "{\"pad\":\"";
            return (head + "x".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        String line = "jmeter,application=a,statut=all count=1i\n";
        return line.repeat(size / line.length() + 1).getBytes(StandardCharsets.UTF_8);
    }

    private static void leaves(Object value, List<Object> path, List<List<Object>> out) {
        out.add(new ArrayList<>(path));
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                path.add(key);
                leaves(map.get(key), path, out);
                path.remove(path.size() - 1);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                leaves(list.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String pathName(List<Object> path) {
        if (path.isEmpty()) {
            return "(whole body)";
        }
        StringBuilder name = new StringBuilder();
        for (Object step : path) {
            name.append(step instanceof Integer i ? "[" + i + "]" : (name.isEmpty() ? "" : ".") + step);
        }
        return name.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object replaced(Object root, List<Object> path, Object value) {
        if (path.isEmpty()) {
            return value;
        }
        Object copy = JsonText.copy(root);
        Object parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = parent instanceof Map<?, ?> map ? map.get(path.get(i)) : ((List<Object>) parent).get((Integer) path.get(i));
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put((String) last, value);
        } else {
            ((List<Object>) parent).set((Integer) last, value);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object removed(Object root, List<Object> path) {
        Object copy = JsonText.copy(root);
        Object parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = parent instanceof Map<?, ?> map ? map.get(path.get(i)) : ((List<Object>) parent).get((Integer) path.get(i));
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            map.remove(last);
        } else {
            ((List<Object>) parent).remove((int) (Integer) last);
        }
        return copy;
    }

    private static byte[] replaceMark(byte[] text, byte[] replacement) {
        for (int i = 0; i <= text.length - BAD_UTF8_MARK.length; i++) {
            if (Arrays.equals(text, i, i + BAD_UTF8_MARK.length, BAD_UTF8_MARK, 0, BAD_UTF8_MARK.length)) {
                return concat(Arrays.copyOfRange(text, 0, i), replacement,
                        Arrays.copyOfRange(text, i + BAD_UTF8_MARK.length, text.length));
            }
        }
        return text;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** 200 MB of zeros in about 200 KB; made once per JVM. */
    private static synchronized byte[] gzipBomb() {
        if (gzipBomb == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < 200; i++) {
                    gzip.write(zeros);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gzipBomb = out.toByteArray();
        }
        return gzipBomb;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
