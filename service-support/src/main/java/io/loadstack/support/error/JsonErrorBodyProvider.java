package io.loadstack.support.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Replaces Micronaut's HATEOAS error body so that every error the framework produces (404, 405, 413,
 * conversion and validation failures, 401/403 from security) has Loadstack's {@code {"error": ...}} shape.
 * Server-side failures never echo exception text back: it may carry SQL or internal details.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class JsonErrorBodyProvider implements JsonErrorResponseBodyProvider<ErrorBody> {

    @Override
    public ErrorBody body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        if (status >= 500) {
            return ErrorBody.of(status, "internal error; the server log has the details");
        }
        List<String> messages = context.getErrors().stream()
                .map(Error::getMessage)
                .map(JsonErrorBodyProvider::firstLine)
                .filter(m -> !m.equalsIgnoreCase(response.reason()))
                .toList();
        if (messages.isEmpty()) {
            return ErrorBody.of(status, defaultMessage(response));
        }
        if (messages.size() == 1) {
            return ErrorBody.of(status, messages.get(0));
        }
        return new ErrorBody(String.join("; ", messages), status, messages);
    }

    /** Parser messages go on with a multi-line location dump that helps nobody reading a 400. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = (newline < 0 ? message : message.substring(0, newline)).trim();
        // "Failed to convert argument [body] for value [null] due to: X" says nothing X does not.
        int dueTo = line.indexOf(" due to: ");
        if (line.startsWith("Failed to convert argument") && dueTo > 0) {
            line = "malformed request body: " + line.substring(dueTo + " due to: ".length()).trim();
        }
        return line;
    }

    private static String defaultMessage(HttpResponse<?> response) {
        return switch (response.code()) {
            case 401 -> "authentication required: send Authorization: Bearer <token>";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large";
            default -> response.reason();
        };
    }
}
