/**
 * Stories: which articles report one event, decided in one place ({@link
 * org.newswatch.ingest.story.StoryMatcher}) whatever ingest instance fetched them.
 */
package org.newswatch.ingest.story;
