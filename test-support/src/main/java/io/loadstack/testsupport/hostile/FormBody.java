package io.loadstack.testsupport.hostile;

import java.nio.charset.StandardCharsets;

/**
 * A valid multipart/form-data body for a {@link Route} (an upload): sent with its own Content-Type, and the
 * corpus breaks its framing (boundaries, part headers) instead of JSON fields.
 *
 * @param boundary the boundary the body's parts are separated by
 * @param bytes    the whole body, closing boundary included
 */
public record FormBody(String boundary, byte[] bytes) {

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The body as text, for the corpus to cut and splice (its parts are ASCII in the routes that use it). */
    String text() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
