package io.loadstack.support.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The one error shape every Loadstack endpoint answers with: {@code {"error": "...", "status": 400}},
 * plus the individual problems when there were several (validation).
 */
@Serdeable
public record ErrorBody(String error, int status, @Nullable List<String> details) {

    public static ErrorBody of(int status, String error) {
        return new ErrorBody(error, status, null);
    }
}
