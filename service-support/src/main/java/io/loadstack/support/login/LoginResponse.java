package io.loadstack.support.login;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The OAuth2-style token answer the old clients expect: access_token, token_type, expires_in, username. */
@Serdeable
public record LoginResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("token_type") String tokenType,
                            @JsonProperty("expires_in") int expiresIn,
                            String username,
                            List<String> roles) {
}
