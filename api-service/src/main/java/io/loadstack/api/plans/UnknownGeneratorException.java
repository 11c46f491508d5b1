package io.loadstack.api.plans;

import io.loadstack.api.ErrorStatusHandler;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** The generator named in an upload is none Loadstack runs. */
public final class UnknownGeneratorException extends RuntimeException {

    UnknownGeneratorException(String name) {
        super("unknown generator '" + name + "': use one of " + Generator.allowed());
    }

    @Singleton
    static final class Handler extends ErrorStatusHandler<UnknownGeneratorException> {
        Handler() {
            super(HttpStatus.BAD_REQUEST);
        }
    }
}
