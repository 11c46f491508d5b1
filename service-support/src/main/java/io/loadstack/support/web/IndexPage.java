package io.loadstack.support.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A single-page app's one HTML file, read from the classpath once. Served with {@code no-cache} so that a
 * new release's page (and through it the new scripts) is picked up at the next load.
 */
public final class IndexPage {

    private static final MediaType HTML = new MediaType("text/html; charset=utf-8");

    private final byte[] html;

    private IndexPage(byte[] html) {
        this.html = html;
    }

    public static IndexPage fromClasspath(String resource) {
        try (InputStream in = IndexPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new IndexPage(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<byte[]> response() {
        return HttpResponse.ok(html).contentType(HTML).header("Cache-Control", "no-cache");
    }
}
