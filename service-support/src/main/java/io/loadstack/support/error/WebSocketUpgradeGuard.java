package io.loadstack.support.error;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Answers a websocket upgrade that cannot succeed before Micronaut's upgrade handler sees it: that handler
 * leaves the connection hanging without any answer when the request target has a malformed %-escape or
 * the Sec-WebSocket-Key is missing, and answers an unknown Sec-WebSocket-Version with an empty 426. Here
 * each gets a JSON error (400, or 426 naming the version we speak) and the connection is closed.
 */
@Singleton
public class WebSocketUpgradeGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final String HANDLER = "loadstack-websocket-upgrade-guard";
    private static final Set<String> VERSIONS = Set.of("13", "8", "7");

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private record Customizer(Channel channel) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(HANDLER) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new Guard());
            }
        }
    }

    /** One per connection: after refusing a request it drops that request's content, then closes. */
    private static final class Guard extends ChannelInboundHandlerAdapter {

        private boolean dropping;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (dropping && msg instanceof HttpContent) {
                dropping = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request && isUpgrade(request)) {
                FullHttpResponse refusal = refusal(request);
                if (refusal != null) {
                    dropping = !(msg instanceof LastHttpContent);
                    ReferenceCountUtil.release(msg);
                    ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        private static boolean isUpgrade(HttpRequest request) {
            String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
            return upgrade != null && upgrade.trim().equalsIgnoreCase("websocket");
        }

        private static FullHttpResponse refusal(HttpRequest request) {
            try {
                new URI(request.uri());
            } catch (URISyntaxException e) {
                return json(HttpResponseStatus.BAD_REQUEST, "malformed request target: an invalid %-escape or character");
            }
            String key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
            if (key == null || key.isBlank()) {
                return json(HttpResponseStatus.BAD_REQUEST, "websocket upgrade without Sec-WebSocket-Key");
            }
            String version = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
            if (version == null || !VERSIONS.contains(version.trim())) {
                FullHttpResponse response = json(HttpResponseStatus.UPGRADE_REQUIRED, "unsupported Sec-WebSocket-Version: use 13");
                response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
                return response;
            }
            return null;
        }

        /** The messages are fixed texts, so the JSON is written by hand. */
        private static FullHttpResponse json(HttpResponseStatus status, String error) {
            byte[] body = ("{\"error\":\"" + error + "\",\"status\":" + status.code() + "}").getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return response;
        }
    }
}
