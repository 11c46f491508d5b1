package io.loadstack.dashboard.web;

import io.swagger.v3.oas.annotations.Hidden;
import io.loadstack.support.web.IndexPage;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** The one page, open to all: it holds no data; the data comes from /api/** and /ws/health with a token. */
@Hidden // the page, not the API
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class PageController {

    private final IndexPage index = IndexPage.fromClasspath("public/index.html");

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> index() {
        return index.response();
    }

    @Get("/index.html")
    public HttpResponse<byte[]> indexFile() {
        return index();
    }
}
