/**
 * Feeds: their definitions (the feeds file, the {@code news.feeds} registry), reading feed
 * documents (Rome, with DOCTYPEs refused and a lenient second try), polling them on a schedule that
 * backs off on failure, and each feed's status.
 */
package org.newswatch.ingest.feed;
