package io.loadstack.support.error;

import io.micronaut.context.annotation.Secondary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;

/**
 * The server inflates a body sent with {@code Content-Encoding: gzip}, {@code deflate}, {@code br} or
 * {@code snappy} before any controller sees it; bytes that are not what their encoding says are the
 * client's error (400), not the server's. Secondary, so that a service may answer in its own words.
 */
@Produces
@Singleton
@Secondary
public class UndecodableBodyHandler implements ExceptionHandler<DecompressionException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, DecompressionException exception) {
        return HttpResponse.<ErrorBody>status(HttpStatus.BAD_REQUEST)
                .body(ErrorBody.of(400, "the body is not valid for its Content-Encoding: " + exception.getMessage()));
    }
}
