package io.loadstack.dashboard.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The one page, open to all: it holds no data; the data comes from /api/** and /ws/health with a token. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class PageController {

    private final byte[] index;

    public PageController() {
        try (InputStream in = PageController.class.getClassLoader().getResourceAsStream("public/index.html")) {
            this.index = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> index() {
        return HttpResponse.ok(index)
                .contentType(new MediaType("text/html; charset=utf-8"))
                .header("Cache-Control", "no-cache");
    }

    @Get("/index.html")
    public HttpResponse<byte[]> indexFile() {
        return index();
    }
}
