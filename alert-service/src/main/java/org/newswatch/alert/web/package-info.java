/**
 * The HTTP API and the analysts' page: one class of routes per resource ({@code /api/analysts},
 * {@code /api/subscriptions}, {@code /api/alerts}, the Atom feed, the live stream). An analyst sees
 * only their own subscriptions and alerts; another analyst's answers 404, as if it did not exist.
 */
package org.newswatch.alert.web;
