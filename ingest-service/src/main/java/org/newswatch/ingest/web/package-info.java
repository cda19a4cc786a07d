/** The {@code /api/feeds} routes: the feed registry and each feed's status over HTTP. */
package org.newswatch.ingest.web;
