package io.loadstack.provisioner;

/** A request that cannot be served; the message is the reason the launch fails with, so it says what to do. */
public class ProvisioningFailedException extends RuntimeException {

    public ProvisioningFailedException(String reason) {
        super(reason);
    }

    public ProvisioningFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
