package io.loadstack.api.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * Swagger UI at {@code /swagger-ui/}: its files from the WebJar, but for its initializer, which is Loadstack's
 * (resources/swagger-ui): it lists the three services' descriptions (/openapi/&lt;module&gt;.yml), sends the
 * dashboard's JWT with them and with "Try it out", and turns off Swagger UI's online validator. Open to anyone,
 * like the dashboard's files: they hold no data, and the descriptions themselves need a signed-in user.
 */
@Hidden
@Controller("/swagger-ui")
@Secured(SecurityRule.IS_ANONYMOUS)
public class SwaggerUiController {

    private static final String INITIALIZER = "swagger-initializer.js";

    private final Vendor vendor;
    private final byte[] initializer;

    public SwaggerUiController(Vendor vendor) {
        this.vendor = vendor;
        try (InputStream in = SwaggerUiController.class.getClassLoader().getResourceAsStream("swagger-ui/" + INITIALIZER)) {
            if (in == null) {
                throw new IllegalStateException("swagger-ui/" + INITIALIZER + " is missing from the classpath");
            }
            this.initializer = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relative links in Swagger UI's page need the trailing slash. */
    @Get
    public HttpResponse<Void> withoutSlash() {
        return HttpResponse.redirect(URI.create("/swagger-ui/"));
    }

    @Get(value = "/", produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> index() {
        return file("index.html");
    }

    @Get("/{file}")
    public HttpResponse<byte[]> file(@PathVariable String file) {
        byte[] body = INITIALIZER.equals(file) ? initializer
                : vendor.swaggerUi(file).orElseThrow(NoSuchVendorFileException::new);
        return HttpResponse.ok(body).contentType(type(file)).header("Cache-Control", "no-cache");
    }

    private static MediaType type(String file) {
        if (file.endsWith(".css")) {
            return new MediaType("text/css; charset=utf-8");
        } else if (file.endsWith(".js")) {
            return new MediaType("text/javascript; charset=utf-8");
        } else if (file.endsWith(".html")) {
            return new MediaType("text/html; charset=utf-8");
        } else if (file.endsWith(".png")) {
            return MediaType.IMAGE_PNG_TYPE;
        }
        return MediaType.APPLICATION_OCTET_STREAM_TYPE;
    }
}
