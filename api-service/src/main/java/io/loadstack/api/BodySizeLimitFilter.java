package io.loadstack.api;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

/**
 * Keeps every body but a plan upload within {@link Settings#maxBodySize()}. The server's own
 * {@code max-request-size} is raised for plan uploads, and Micronaut has no limit per route: so here, before
 * any body is read, a body outside {@code /api/plans} must declare its length and stay under the limit, and
 * may not be compressed (a small gzip body could inflate up to the plan limit). nginx enforces the same
 * limits in front.
 */
@ServerFilter(value = "/**", patternStyle = FilterPatternStyle.ANT)
public class BodySizeLimitFilter {

    /**
     * {@code loadstack.api.*}.
     *
     * @param maxBodySize the largest body of any request but a plan upload
     */
    @ConfigurationProperties("loadstack.api")
    public record Settings(@Bindable(defaultValue = "1MB") @ReadableBytes long maxBodySize) {
    }

    private static final String PLANS = "/api/plans";

    private final Settings settings;

    public BodySizeLimitFilter(Settings settings) {
        this.settings = settings;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<ErrorBody> limit(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals(PLANS) || path.startsWith(PLANS + "/")) {
            return null;
        }
        long length = request.getContentLength();
        String encoding = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
        if (length > settings.maxBodySize()) {
            return refuse(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large: at most " + settings.maxBodySize() + " bytes");
        }
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            return refuse(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "compressed request bodies are not accepted here: send it uncompressed");
        }
        if (length < 0 && request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return refuse(HttpStatus.LENGTH_REQUIRED, "send the body with a Content-Length (at most " + settings.maxBodySize() + " bytes)");
        }
        return null;
    }

    private static HttpResponse<ErrorBody> refuse(HttpStatus status, String message) {
        return HttpResponse.<ErrorBody>status(status).body(ErrorBody.of(status.getCode(), message));
    }
}
