package io.loadstack.consumer;

import io.loadstack.support.security.JwtSecretCheck;
import io.micronaut.runtime.Micronaut;

public class ConsumerApplication {

    public static void main(String[] args) {
        JwtSecretCheck.exitIfMissing(System.getenv());
        Micronaut.run(ConsumerApplication.class, args);
    }
}
