package io.loadstack.consumer.influx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies as the line-protocol parser wants them: plain bytes, gunzipped when the client sent
 * {@code Content-Encoding: gzip} (or when the bytes start with gzip's magic number, should a proxy have
 * dropped the header). Decompression stops at {@value #MAX_DECOMPRESSED_BYTES} bytes, so a gzip bomb
 * costs 64 MB at most and is answered 413.
 */
final class RequestBodies {

    static final int MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

    static final class TooLarge extends Exception {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private RequestBodies() {
    }

    static byte[] decode(byte[] body, String contentEncoding) throws TooLarge, Unreadable {
        if (body == null) {
            return new byte[0];
        }
        boolean gzipMagic = body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(java.util.Locale.ROOT);
        if (!gzipMagic) {
            if (encoding.equals("gzip") && body.length > 0) {
                // The server may already have inflated it; plain line protocol never starts with 0x1f 0x8b.
                return body;
            }
            if (!encoding.isEmpty() && !encoding.equals("identity") && !encoding.equals("gzip")) {
                throw new Unreadable("unsupported Content-Encoding '" + contentEncoding + "': use gzip or none");
            }
            return body;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_DECOMPRESSED_BYTES, Math.max(1024, body.length * 8)));
            byte[] buffer = new byte[16384];
            int total = 0;
            int read;
            while ((read = in.read(buffer)) > 0) {
                total += read;
                if (total > MAX_DECOMPRESSED_BYTES) {
                    throw new TooLarge("request body too large: more than " + MAX_DECOMPRESSED_BYTES + " bytes after gzip decompression");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new Unreadable("invalid gzip body: " + e.getMessage());
        }
    }
}
