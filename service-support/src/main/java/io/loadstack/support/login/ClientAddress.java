package io.loadstack.support.login;

import io.micronaut.http.HttpRequest;

/**
 * The address a login came from. Behind nginx that is X-Real-IP, which nginx overwrites; the app
 * servers are not reachable around nginx in the compose setup, so the header cannot be forged there.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpRequest<?> request) {
        String realIp = request.getHeaders().get("X-Real-IP");
        if (realIp != null && !realIp.isBlank() && realIp.length() <= 64) {
            return realIp.trim();
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
