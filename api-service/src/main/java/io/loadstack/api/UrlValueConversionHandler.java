package io.loadstack.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * A query value or path segment that is not of its parameter's type ({@code ?page=abc}, {@code /api/tokens/abc})
 * is a 400 that names the parameter. The shared error body reads the framework's conversion message as a
 * broken request body, which is right for bodies only; every other conversion failure stays the framework's.
 */
@Singleton
@Replaces(ConversionErrorHandler.class)
public class UrlValueConversionHandler extends ConversionErrorHandler {

    public UrlValueConversionHandler(ErrorResponseProcessor<?> responseProcessor) {
        super(responseProcessor);
    }

    @Override
    protected Error error(ConversionErrorException exception) {
        Argument<?> argument = exception.getArgument();
        if (!argument.getAnnotationMetadata().hasAnnotation(QueryValue.class)
                && !argument.getAnnotationMetadata().hasAnnotation(PathVariable.class)) {
            return super.error(exception);
        }
        String value = exception.getConversionError().getOriginalValue().map(String::valueOf).orElse("");
        String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        Class<?> type = argument.getType();
        String expected = type == Integer.class || type == int.class || type == Long.class || type == long.class
                ? "a whole number" : "a " + type.getSimpleName();
        String message = argument.getName() + " must be " + expected + ", not '" + shown + "'";
        return () -> message;
    }
}
