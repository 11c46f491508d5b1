package io.loadstack.api;

import io.loadstack.support.mfa.MfaKeyCheck;
import io.loadstack.support.security.JwtSecretCheck;
import io.micronaut.runtime.Micronaut;

public class ApiApplication {

    public static void main(String[] args) {
        JwtSecretCheck.exitIfMissing(System.getenv());
        MfaKeyCheck.exitIfMissing(System.getenv());
        Micronaut.run(ApiApplication.class, args);
    }
}
