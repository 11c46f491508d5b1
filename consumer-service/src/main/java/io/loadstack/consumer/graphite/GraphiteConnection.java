package io.loadstack.consumer.graphite;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One Graphite connection, on its network thread: reads the lines the decoder cut (never longer than the
 * limit), collects them into Gatling flushes and hands each complete flush to {@link GatlingIngest}. A pause
 * in the stream (the idle events of a short reader timeout) ends a flush; no complete line for the
 * connection's idle timeout closes it, which also ends a connection that never sends a newline.
 */
final class GraphiteConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(GraphiteConnection.class);

    private final GraphiteSettings settings;
    private final GraphiteCounts counts;
    private final GatlingIngest ingest;
    private GatlingFlush flush;
    private final Map<String, Integer> linesByToken = new HashMap<>();
    private long lastLineNanos = System.nanoTime();

    GraphiteConnection(GraphiteSettings settings, GraphiteCounts counts, GatlingIngest ingest) {
        this.settings = settings;
        this.counts = counts;
        this.ingest = ingest;
        this.flush = newFlush();
    }

    private GatlingFlush newFlush() {
        return new GatlingFlush(settings.maxSimulations(), settings.maxRequestNames());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf line = (ByteBuf) msg;
        try {
            lastLineNanos = System.nanoTime();
            if (line.readableBytes() == 0) {
                return;
            }
            take(line.toString(StandardCharsets.UTF_8));
        } finally {
            line.release();
        }
    }

    private void take(String text) {
        GraphiteLine.Parsed parsed = GraphiteLine.parse(text, System.currentTimeMillis() / 1000);
        if (parsed instanceof GraphiteLine.Refused refused) {
            counts.line(refused.reason());
            return;
        }
        GatlingMetric.Read read = GatlingMetric.of(((GraphiteLine.Ok) parsed).line());
        if (read instanceof GatlingMetric.Refused refused) {
            counts.line(refused.reason());
            return;
        }
        GatlingMetric metric = ((GatlingMetric.Metric) read).metric();
        if (flush.isOver(metric)) {
            handOver();
        }
        String outcome = flush.add(metric);
        if (outcome.equals("accepted")) {
            linesByToken.merge(metric.token(), 1, Integer::sum);
        } else {
            counts.line(outcome);
        }
    }

    private void handOver() {
        if (!flush.isEmpty()) {
            ingest.submit(flush, Map.copyOf(linesByToken));
        }
        flush = newFlush();
        linesByToken.clear();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            handOver();
            if (System.nanoTime() - lastLineNanos > settings.idleTimeout().toNanos()) {
                counts.connection("idle");
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handOver();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            counts.connection("line_too_long");
        } else if (!(cause instanceof IOException)) {
            LOG.error("Graphite connection from {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
