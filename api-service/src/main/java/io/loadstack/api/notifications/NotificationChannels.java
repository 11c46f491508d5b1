package io.loadstack.api.notifications;

import io.loadstack.api.storage.JdbcTransactions;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What admins do with channels and what they read of deliveries. One transaction each. */
@Singleton
class NotificationChannels {

    static final int PAGE_SIZE = 50;
    private static final int MIN_SECRET = 16;
    private static final int TEST_NAME_LENGTH = 200;

    private final JdbcTransactions transactions;
    private final ChannelStore channels;
    private final DeliveryStore deliveries;

    NotificationChannels(JdbcTransactions transactions, ChannelStore channels, DeliveryStore deliveries) {
        this.transactions = transactions;
        this.channels = channels;
        this.deliveries = deliveries;
    }

    /**
     * @throws InvalidChannelException   when a part of the body cannot be used (400)
     * @throws ChannelNameTakenException when another channel has the name (409)
     */
    ChannelViews.Created create(ChannelBody body, String by) {
        ChannelType type = type(body.type());
        if (body.url() == null) {
            throw new InvalidChannelException("url is required: the receiver's http(s) address");
        }
        URI url = url(body.url());
        String generated = type == ChannelType.WEBHOOK && body.secret() == null ? WebhookSignature.newSecret() : null;
        String secret = generated != null ? generated : secret(type, body.secret());
        Set<EventType> events = events(body.events());
        List<String> tests = tests(body.tests());
        Instant now = Notifier.now();
        return transactions.inTransaction("making a notification channel", connection -> {
            Channel draft = new Channel(0, name(body.name()), type, url, secret, events, tests, now, by, now);
            long id = channels.insert(connection, draft);
            return ChannelViews.Created.of(channels.find(connection, id, false).orElseThrow(), generated);
        });
    }

    /** Replaces a channel's settings; the URL and the secret stay as they were unless given. */
    ChannelViews.Shown update(long id, ChannelBody body) {
        ChannelType type = type(body.type());
        URI url = body.url() == null ? null : url(body.url());
        String secret = secret(type, body.secret());
        Set<EventType> events = events(body.events());
        List<String> tests = tests(body.tests());
        String name = name(body.name());
        return transactions.inTransaction("changing a notification channel", connection -> {
            Channel stored = channels.find(connection, id, true).orElseThrow(() -> noSuchChannel(id));
            if (stored.type() != type) {
                throw new InvalidChannelException("channel " + id + " is a " + stored.type().wireName() + " channel; its type"
                        + " cannot change (delete it and add a " + type.wireName() + " channel)");
            }
            Channel changed = new Channel(id, name, type, url == null ? stored.url() : url,
                    secret == null ? stored.secret() : secret, events, tests, stored.createdAt(), stored.createdBy(),
                    Notifier.now());
            channels.update(connection, changed);
            return ChannelViews.Shown.of(changed);
        });
    }

    void delete(long id) {
        if (!transactions.inTransaction("deleting a notification channel", connection -> channels.delete(connection, id))) {
            throw noSuchChannel(id);
        }
    }

    List<ChannelViews.Shown> all() {
        return transactions.inTransaction("listing notification channels",
                connection -> channels.all(connection).stream().map(ChannelViews.Shown::of).toList());
    }

    ChannelViews.Shown find(long id) {
        return transactions.inTransaction("reading a notification channel", connection -> channels.find(connection, id, false))
                .map(ChannelViews.Shown::of).orElseThrow(() -> noSuchChannel(id));
    }

    DeliveryViews.Page deliveries(@Nullable Long channelId, int page) {
        return transactions.inTransaction("listing notification deliveries", connection -> new DeliveryViews.Page(
                deliveries.page(connection, channelId, page, PAGE_SIZE).stream().map(DeliveryViews.Delivery::of).toList(),
                page, PAGE_SIZE, deliveries.count(connection, channelId)));
    }

    // ---- the body's parts

    private static String name(String name) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidChannelException("name must be visible text without control characters");
        }
        return trimmed;
    }

    private static ChannelType type(String type) {
        return ChannelType.byWireName(type.strip().toLowerCase(Locale.ROOT)).orElseThrow(() -> new InvalidChannelException(
                "type must be slack or webhook, was '" + shorten(type) + "'"));
    }

    /** An absolute http(s) URL with a host: anything else the client could not post to, or should not. */
    static URI url(String text) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidChannelException("url is not a URL: " + e.getMessage());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidChannelException("url must be http:// or https://, was '" + shorten(text) + "'");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new InvalidChannelException("url must name a host, was '" + shorten(text) + "'");
        }
        if (url.getRawFragment() != null) {
            throw new InvalidChannelException("url must not have a fragment (#…): it is never sent to the receiver");
        }
        return url;
    }

    private static String secret(ChannelType type, @Nullable String secret) {
        if (secret == null) {
            return null;
        }
        if (type == ChannelType.SLACK) {
            throw new InvalidChannelException("a slack channel takes no secret: its URL is its secret");
        }
        if (secret.length() < MIN_SECRET || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new InvalidChannelException("secret must be " + MIN_SECRET + " to 200 printable ASCII characters without"
                    + " spaces (leave it out and Loadstack makes one)");
        }
        return secret;
    }

    private static Set<EventType> events(List<String> names) {
        if (names.isEmpty()) {
            throw new InvalidChannelException("events must name at least one of " + String.join(", ", EventType.subscribable()));
        }
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (String name : names) {
            events.add(EventType.byWireName(name == null ? "" : name.strip()).orElseThrow(() -> new InvalidChannelException(
                    "unknown event '" + shorten(String.valueOf(name)) + "'; events are " + String.join(", ", EventType.subscribable()))));
        }
        return events;
    }

    private static List<String> tests(@Nullable List<String> names) {
        if (names == null) {
            return null;
        }
        if (names.isEmpty()) {
            throw new InvalidChannelException("tests must name at least one test, or be null for every test");
        }
        Set<String> tests = new LinkedHashSet<>();
        for (String name : names) {
            String trimmed = name == null ? "" : name.strip();
            if (trimmed.isEmpty() || trimmed.length() > TEST_NAME_LENGTH) {
                throw new InvalidChannelException("each test must be a run name of 1 to " + TEST_NAME_LENGTH + " characters");
            }
            tests.add(trimmed);
        }
        return new ArrayList<>(tests);
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    private static NoSuchChannelException noSuchChannel(long id) {
        return new NoSuchChannelException("no notification channel " + id);
    }
}
