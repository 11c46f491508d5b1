package io.loadstack.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.loadstack.support.web.IndexPage;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * The dashboard's page and its vendor libraries, open to anyone: they hold no data. The data comes from the
 * API, which asks for the JWT the page keeps in sessionStorage. The rest of the page's files are static
 * resources under {@code /assets/} (application.yml).
 */
@Hidden // the page and its files, not the API
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class DashboardController {

    private final Vendor vendor;
    private final IndexPage index = IndexPage.fromClasspath("public/index.html");

    public DashboardController(Vendor vendor) {
        this.vendor = vendor;
    }

    /** One page; the views are #/runs, #/runs/{uuid}, #/compare, #/tokens, #/users, #/login. */
    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> index() {
        return index.response();
    }

    @Get("/index.html")
    public HttpResponse<byte[]> indexFile() {
        return index();
    }

    @Get("/vendor/uplot/{file}")
    public HttpResponse<byte[]> uplot(@PathVariable String file) {
        byte[] body = vendor.uplot(file).orElseThrow(NoSuchVendorFileException::new);
        MediaType type = file.endsWith(".css") ? new MediaType("text/css; charset=utf-8")
                : file.endsWith(".js") ? new MediaType("text/javascript; charset=utf-8")
                : MediaType.APPLICATION_OCTET_STREAM_TYPE;
        return HttpResponse.ok(body).contentType(type).header("Cache-Control", "public, max-age=86400");
    }
}
