package io.loadstack.consumer.influx;

import io.loadstack.support.error.ErrorBody;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;

/**
 * The server inflates {@code Content-Encoding: gzip} bodies before any controller sees them; a body that
 * is not valid gzip is the client's error (400), not the server's.
 */
@Produces
@Singleton
public class DecompressionFailureHandler implements ExceptionHandler<DecompressionException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, DecompressionException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.BAD_REQUEST)
                .body(ErrorBody.of(400, "the body is not valid for its Content-Encoding: " + exception.getMessage()));
    }
}
