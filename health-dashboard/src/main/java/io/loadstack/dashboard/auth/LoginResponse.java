package io.loadstack.dashboard.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The same answer as the api-service's login, so a client handles both alike. */
@Serdeable
public record LoginResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("token_type") String tokenType,
                            @JsonProperty("expires_in") int expiresIn,
                            String username,
                            List<String> roles) {
}
