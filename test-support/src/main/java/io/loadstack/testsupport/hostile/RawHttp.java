package io.loadstack.testsupport.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request: the request line, headers and body go out
 * byte for byte (invalid percent-escapes, raw UTF-8, restricted headers), which java.net.http refuses to send.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The answer; status 0 when there was none (connection closed or reset, or timed out). */
    public record Answer(int status, Map<String, String> headers, byte[] body, String problem) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public Answer send(Probe probe) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            IOException writeFailure = null;
            try {
                OutputStream out = socket.getOutputStream();
                // Head and body in two writes, as most clients send them: the server then often sees the
                // body in a later read than the head, a path that differs from one where all came at once.
                out.write(head(probe));
                out.flush();
                if (probe.body() != null) {
                    out.write(probe.body());
                }
                out.flush();
            } catch (IOException e) {
                // The server may answer (413) and close before reading all of a large body: read what it said.
                writeFailure = e;
            }
            try {
                return read(socket.getInputStream(), probe.method().equals("HEAD"));
            } catch (IOException e) {
                String why = writeFailure != null ? "write failed (" + writeFailure.getMessage() + "), then " : "";
                return new Answer(0, Map.of(), new byte[0], why + "no answer: " + e);
            }
        } catch (IOException e) {
            return new Answer(0, Map.of(), new byte[0], "cannot connect: " + e);
        }
    }

    private byte[] head(Probe probe) {
        StringBuilder head = new StringBuilder();
        head.append(probe.method()).append(' ').append(probe.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        boolean upgrade = false;
        for (Probe.Header header : probe.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
            upgrade |= header.name().equalsIgnoreCase("Upgrade");
        }
        if (!upgrade) {
            head.append("Connection: close\r\n");
        }
        boolean framed = probe.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Length")
                || h.name().equalsIgnoreCase("Transfer-Encoding"));
        if (probe.body() != null && !framed) {
            head.append("Content-Length: ").append(probe.body().length).append("\r\n");
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        byte[] all;
        int headEnd;
        while (true) {
            headEnd = indexOf(received.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            while (headEnd < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    if (received.size() == 0) {
                        throw new IOException("connection closed without an answer");
                    }
                    break;
                }
                received.write(buffer, 0, n);
                headEnd = indexOf(received.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            all = received.toByteArray();
            if (headEnd < 0) {
                throw new IOException("incomplete answer: " + new String(all, StandardCharsets.ISO_8859_1));
            }
            // An interim 100 Continue precedes the real answer (the body was sent without waiting for it).
            if (!new String(all, 0, Math.min(12, all.length), StandardCharsets.ISO_8859_1).matches("HTTP/1\\.[01] 100")) {
                break;
            }
            received.reset();
            received.write(all, headEnd + 4, all.length - headEnd - 4);
        }
        String[] lines = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(all, headEnd + 4, all.length - headEnd - 4);
        if (status == 101 || head) {
            return new Answer(status, headers, new byte[0], null);
        }
        String length = headers.get("content-length");
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        try {
            if (length != null) {
                long expected = Long.parseLong(length);
                int n;
                while (body.size() < expected && (n = in.read(buffer)) >= 0) {
                    body.write(buffer, 0, n);
                }
            } else {
                int n;
                while (!(chunked && endsChunked(body.toByteArray())) && (n = in.read(buffer)) >= 0) {
                    body.write(buffer, 0, n);
                }
            }
        } catch (SocketTimeoutException e) {
            return new Answer(status, headers, body.toByteArray(), "body incomplete after " + TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            // reset after the answer: what was read is the answer
        }
        byte[] content = chunked ? dechunk(body.toByteArray()) : body.toByteArray();
        return new Answer(status, headers, content, null);
    }

    private static boolean endsChunked(byte[] body) {
        return indexOf(body, "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) >= 0
                && new String(body, Math.max(0, body.length - 5), Math.min(5, body.length), StandardCharsets.US_ASCII).equals("0\r\n\r\n");
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at, "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(chunked, start, Math.min(size, chunked.length - start));
            at = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, 0, pattern);
    }

    private static int indexOf(byte[] data, int from, byte[] pattern) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
