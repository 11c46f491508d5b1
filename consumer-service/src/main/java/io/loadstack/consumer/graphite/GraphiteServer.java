package io.loadstack.consumer.graphite;

import io.micronaut.context.annotation.Context;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Graphite plaintext listener (TCP) for Gatling's Graphite writer. One network thread is plenty: Gatling
 * sends one burst a second per process, and the work per line is a split and a few map lookups; tokens and
 * the journal are {@link GatlingIngest}'s, on its own thread.
 *
 * <p>A port that cannot be bound is logged and the consumer runs on without it: the HTTP ingestion does
 * not depend on Graphite.
 */
@Context
public class GraphiteServer {

    private static final Logger LOG = LoggerFactory.getLogger(GraphiteServer.class);
    /** A pause this long in a connection's stream ends the flush being collected (Gatling writes a flush at once). */
    private static final long FLUSH_PAUSE_MILLIS = 300;

    private final GraphiteSettings settings;
    private final GraphiteCounts counts;
    private final GatlingIngest ingest;
    private final AtomicInteger connections = new AtomicInteger();
    private EventLoopGroup group;
    private Channel channel;

    public GraphiteServer(GraphiteSettings settings, GraphiteCounts counts, GatlingIngest ingest) {
        this.settings = settings;
        this.counts = counts;
        this.ingest = ingest;
    }

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            return;
        }
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 64)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        if (connections.incrementAndGet() > settings.maxConnections()) {
                            connections.decrementAndGet();
                            counts.connection("refused");
                            connection.close();
                            return;
                        }
                        counts.connection("opened");
                        connection.closeFuture().addListener(closed -> connections.decrementAndGet());
                        connection.pipeline()
                                .addLast(new LineBasedFrameDecoder(settings.maxLineLength(), true, true))
                                .addLast(new IdleStateHandler(FLUSH_PAUSE_MILLIS, 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new GraphiteConnection(settings, counts, ingest));
                    }
                });
        try {
            channel = bootstrap.bind(settings.port()).sync().channel();
            LOG.info("Graphite plaintext (Gatling) on TCP port {}", port());
        } catch (Exception e) {
            LOG.error("cannot listen for Graphite on TCP port {}; Gatling's Graphite writer cannot report here", settings.port(), e);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group = null;
        }
    }

    /** The bound port (the configured one, or the one the system chose for 0); -1 when not listening. */
    public int port() {
        return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public int openConnections() {
        return connections.get();
    }

    @PreDestroy
    void stop() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (group != null) {
            // open connections hand their last flush over as they close
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
