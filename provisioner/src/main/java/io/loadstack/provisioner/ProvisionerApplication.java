package io.loadstack.provisioner;

import io.loadstack.support.security.JwtSecretCheck;
import io.micronaut.runtime.Micronaut;

public class ProvisionerApplication {

    public static void main(String[] args) {
        JwtSecretCheck.exitIfMissing(System.getenv());
        Micronaut.run(ProvisionerApplication.class, args);
    }
}
