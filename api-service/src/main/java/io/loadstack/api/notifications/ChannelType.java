package io.loadstack.api.notifications;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a channel posts: a Slack incoming webhook, or any HTTP receiver of signed JSON. */
public enum ChannelType {
    SLACK,
    WEBHOOK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ChannelType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
