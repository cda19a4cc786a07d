/**
 * The alert-service: analysts subscribe to queries, every article on {@code news.articles} is
 * matched against every subscription, and a match becomes one alert per subscription and story on
 * {@code news.alerts}, delivered by webhook, Atom feed, live stream and digest.
 *
 * <p>Start with {@link org.newswatch.alert.AlertService#start}; {@link
 * org.newswatch.alert.AlertMain} runs it alone. The parts, by package:
 *
 * <ul>
 *   <li>{@code match}: the query forms ({@link org.newswatch.alert.match.SubscriptionQuery}, {@link
 *       org.newswatch.alert.match.WeightedQuery}), the built-in topics and the {@link
 *       org.newswatch.alert.match.AlertMatcher} on Lucene's monitor;
 *   <li>{@code emit}: the exactly-once loop from articles to alerts ({@link
 *       org.newswatch.alert.emit.AlertEmitter}) and the alerts held for the API;
 *   <li>{@code deliver}: webhooks (signed, retried, guarded against internal addresses), digests,
 *       dead letters;
 *   <li>{@code web}: the HTTP routes and the analysts' page.
 * </ul>
 */
package org.newswatch.alert;
