package io.loadstack.api.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A channel as an admin sends it (POST makes one, PUT replaces one's settings). On PUT, a missing
 * {@code url} or {@code secret} keeps the stored one: they are not shown again, so an edit cannot resend them.
 *
 * @param type   {@code slack} or {@code webhook}; fixed once made
 * @param secret the webhook's signing key (16 to 200 characters); generated when a new webhook has none
 * @param events the event names it wants ({@link EventType#subscribable()})
 * @param tests  the tests (run names) it wants; null for every test
 */
@Serdeable
public record ChannelBody(@NotBlank @Size(max = 100) String name,
                          @NotBlank @Size(max = 16) String type,
                          @Nullable @Size(max = 2000) String url,
                          @Nullable @Size(max = 200) String secret,
                          @NotNull @Size(max = 20) List<String> events,
                          @Nullable @Size(max = 100) List<String> tests) {
}
