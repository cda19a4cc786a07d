/**
 * {@code newswatch}, the all-in-one: the real Kafka broker (KRaft) and the three services in one
 * JVM.
 *
 * <ul>
 *   <li>{@link org.newswatch.app.NewswatchMain} reads the command: {@code run}, {@code demo},
 *       {@code extract}, {@code help} ({@code bench} is started by the {@code ./newswatch} script
 *       from the bench module's own jar).
 *   <li>{@link org.newswatch.app.AllInOne} starts the embedded broker (unless {@code
 *       NEWSWATCH_KAFKA} names a cluster), creates the topics, resolves the admin key and starts
 *       ingest, index and alert services on their ports, each with its own folder under the data
 *       folder, plus the {@link org.newswatch.app.LandingPage} on 8080.
 *   <li>{@link org.newswatch.common.lifecycle.GracefulShutdown}: Ctrl-C or SIGTERM closes the
 *       services in reverse order and then the broker; a second signal, or 30 seconds without
 *       finishing, halts.
 *   <li>{@code demo} adds the {@link org.newswatch.app.DemoSite}, a loopback server with sample
 *       feeds and article pages written for the project, and the {@link
 *       org.newswatch.app.AlertTail}, which prints alerts as the alert API lists them.
 * </ul>
 */
package org.newswatch.app;
