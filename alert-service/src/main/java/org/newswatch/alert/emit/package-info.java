/**
 * From articles to alerts, exactly once.
 *
 * <p>{@link org.newswatch.alert.emit.AlertEmitter} reads {@code news.articles} in a consumer group
 * and writes each batch's alerts, dead letters and consumed offsets in one Kafka transaction.
 * {@link org.newswatch.alert.emit.ArticleAlerter} decides what a batch yields, with no Kafka types:
 * an alert id is {@code hash(subscription, storyId)}, so an article's update and a syndicated copy
 * of the same story give the same id, and an id already in {@link
 * org.newswatch.alert.emit.AlertStore} (every alert ever committed, read back from {@code
 * news.alerts} at start) is not written again.
 */
package org.newswatch.alert.emit;
