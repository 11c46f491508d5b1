package io.loadstack.api.notifications;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Status;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

/** Notification channels and their deliveries: admins only (api-service/README.md, "Notifications"). */
@Controller("/api/notifications")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationController {

    static final int MAX_PAGE = 100_000;

    private final NotificationChannels channels;
    private final Notifier notifier;

    NotificationController(NotificationChannels channels, Notifier notifier) {
        this.channels = channels;
        this.notifier = notifier;
    }

    @Status(HttpStatus.CREATED)
    @Post("/channels")
    public HttpResponse<ChannelViews.Created> create(@Valid @Body ChannelBody body, Authentication authentication) {
        return HttpResponse.created(channels.create(body, authentication.getName()));
    }

    @Get("/channels")
    public List<ChannelViews.Shown> list() {
        return channels.all();
    }

    @Get("/channels/{id}")
    public ChannelViews.Shown show(@PathVariable long id) {
        return channels.find(id);
    }

    @Put("/channels/{id}")
    public ChannelViews.Shown update(@PathVariable long id, @Valid @Body ChannelBody body) {
        return channels.update(id, body);
    }

    @Status(HttpStatus.NO_CONTENT)
    @Delete("/channels/{id}")
    public HttpResponse<Void> delete(@PathVariable long id) {
        channels.delete(id);
        return HttpResponse.noContent();
    }

    /** Queues a test message to the channel, whatever it subscribes to: the way to check a URL and a secret. */
    @Status(HttpStatus.ACCEPTED)
    @Post("/channels/{id}/ping")
    public HttpResponse<ChannelViews.Pinged> ping(@PathVariable long id, Authentication authentication) {
        return HttpResponse.accepted().body(new ChannelViews.Pinged(notifier.ping(id, authentication.getName())));
    }

    @Get("/deliveries")
    public DeliveryViews.Page deliveries(@QueryValue @Nullable Long channel,
                                         @QueryValue @Nullable @Min(0) @Max(MAX_PAGE) Integer page) {
        return channels.deliveries(channel, page == null ? 0 : page);
    }
}
