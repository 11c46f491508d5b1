package io.loadstack.api.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The dashboard's page and its vendor libraries, open to anyone: they hold no data. The data comes from the
 * API, which asks for the JWT the page keeps in sessionStorage. The rest of the page's files are static
 * resources under {@code /assets/} (application.yml).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class DashboardController {

    private final Vendor vendor;
    private final byte[] index;

    public DashboardController(Vendor vendor) {
        this.vendor = vendor;
        try (InputStream in = DashboardController.class.getClassLoader().getResourceAsStream("public/index.html")) {
            this.index = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One page; the views are #/runs, #/runs/{uuid}, #/compare, #/tokens, #/users, #/login. */
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

    @Get("/vendor/uplot/{file}")
    public HttpResponse<byte[]> uplot(@PathVariable String file) {
        byte[] body = vendor.uplot(file).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no such file"));
        MediaType type = file.endsWith(".css") ? new MediaType("text/css; charset=utf-8")
                : file.endsWith(".js") ? new MediaType("text/javascript; charset=utf-8")
                : MediaType.APPLICATION_OCTET_STREAM_TYPE;
        return HttpResponse.ok(body).contentType(type).header("Cache-Control", "public, max-age=86400");
    }
}
