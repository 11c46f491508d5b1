package io.loadstack.api.launches;

import java.util.List;

/** A launch request that cannot be run as asked; the message lists every reason, each saying what to fix. */
public class InvalidLaunchRequestException extends RuntimeException {
    private final List<String> reasons;

    public InvalidLaunchRequestException(List<String> reasons) {
        super(String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
