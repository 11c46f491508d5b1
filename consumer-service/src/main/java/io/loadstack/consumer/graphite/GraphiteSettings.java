package io.loadstack.consumer.graphite;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The Graphite plaintext listener Gatling's Graphite writer reports to ({@code LOADSTACK_GRAPHITE_*}).
 *
 * @param enabled         {@code LOADSTACK_GRAPHITE_ENABLED}: false opens no port
 * @param port            {@code LOADSTACK_GRAPHITE_PORT}: TCP port, 2003 by Graphite's convention (0: any free one)
 * @param maxLineLength   a longer line closes the connection (Gatling's lines are a few hundred bytes at most)
 * @param maxConnections  connections beyond this are closed at once (one Gatling process holds one)
 * @param idleTimeout     a connection that completes no line for this long is closed (Gatling writes every second)
 * @param maxSimulations  simulations one connection may report within one flush; more are dropped and counted
 * @param maxRequestNames request names of one simulation within one flush; more are dropped and counted
 * @param queuedBatches   flushes waiting for the journal; beyond this a flush is dropped and counted
 */
@ConfigurationProperties("loadstack.graphite")
public record GraphiteSettings(@Bindable(defaultValue = "true") boolean enabled,
                               @Bindable(defaultValue = "2003") int port,
                               @Bindable(defaultValue = "2048") int maxLineLength,
                               @Bindable(defaultValue = "64") int maxConnections,
                               @Bindable(defaultValue = "60s") Duration idleTimeout,
                               @Bindable(defaultValue = "20") int maxSimulations,
                               @Bindable(defaultValue = "1000") int maxRequestNames,
                               @Bindable(defaultValue = "1000") int queuedBatches) {
}
