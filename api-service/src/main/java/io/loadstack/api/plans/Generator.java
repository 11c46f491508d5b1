package io.loadstack.api.plans;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The load generators an agent can run a plan with; fixed for a plan across its versions. */
public enum Generator {
    JMETER,
    LOCUST;

    /** @throws UnknownGeneratorException when the name is none of {@link #allowed()} */
    public static Generator named(String name) {
        for (Generator generator : values()) {
            if (generator.wireName().equals(name)) {
                return generator;
            }
        }
        throw new UnknownGeneratorException(name);
    }

    /** The name in requests and answers: {@code jmeter}, {@code locust}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String allowed() {
        return Arrays.stream(values()).map(Generator::wireName).collect(Collectors.joining(", "));
    }
}
