/**
 * Previewing a subscription before it is saved: which of the recent articles it would have fired
 * on.
 *
 * <p>{@link org.newswatch.alert.preview.RecentArticles} reads the last days' articles from
 * index-service's export API (over HTTP: the services never share code paths); {@link
 * org.newswatch.alert.preview.SubscriptionPreview} matches them with the live matcher's own code.
 */
package org.newswatch.alert.preview;
