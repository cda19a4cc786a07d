/**
 * Stories as the services read them from {@code news.stories} (written by ingest's story linker):
 * {@link org.newswatch.common.stories.StoryShelf} holds the most recent ones for the story API and
 * for alerts' later members.
 */
package org.newswatch.common.stories;
