/**
 * Fault tests: a real Kafka broker and the three services, each in a JVM of its own as an operator
 * runs them, are broken in the middle of a stream of stories, and nothing users see may be lost or
 * doubled.
 *
 * <ul>
 *   <li>{@link org.newswatch.app.faults.BrokerKilledFor30SecondsTest}: the broker is killed
 *       (SIGKILL), stays down 30 s while the site publishes, and comes back on the same log folder;
 *   <li>{@link org.newswatch.app.faults.IngestServiceKilledTest}, {@link
 *       org.newswatch.app.faults.IndexServiceKilledTest}, {@link
 *       org.newswatch.app.faults.AlertServiceKilledTest}: that service is killed with SIGKILL and
 *       started again on the same data folder;
 *   <li>{@link org.newswatch.app.faults.PoisonRecordOnArticlesTest}: unreadable records on {@code
 *       news.articles} go to {@code news.deadletter} from both readers, and the stream goes on.
 * </ul>
 *
 * <p>Each ends with {@link org.newswatch.app.faults.NoLossCheck}: every published story searchable
 * exactly once under its article id, every expected alert listed exactly once, no alert id twice on
 * {@code news.alerts}. {@link org.newswatch.app.faults.ServiceProcess} and {@link
 * org.newswatch.app.faults.BrokerProcess} start the JVMs (logs in {@code app/target/fault-logs/});
 * {@link org.newswatch.app.faults.ProcessPipeline} wires them to a loopback news site whose {@link
 * org.newswatch.app.faults.StoryFeed} publishes stories steadily. Tagged {@code slow}; run them
 * with {@code ./mvnw -pl app -am test -Dtest='org/newswatch/app/faults/*Test'
 * -Dsurefire.failIfNoSpecifiedTests=false}. The disk-full fault is tested in index-service.
 */
package org.newswatch.app.faults;
