/**
 * Analysts' judgements of their alerts, and the precision of each subscription counted from them.
 *
 * <p>A judgement ({@code relevant} or {@code not_relevant}, with an optional short note) is written
 * by {@code POST /api/alerts/{id}/feedback} to the compacted {@code news.feedback} topic, keyed by
 * the alert's id, so the latest judgement of an alert wins and survives restarts. Every
 * alert-service instance reads the whole topic into a {@link FeedbackLedger}, which answers a
 * subscription's {@link Precision}: of the subscription's alerts this instance still holds (the
 * alert store's window), how many were judged, how many not relevant, and {@code (alerts − not
 * relevant) / alerts}. An alert nobody judged counts as relevant: analysts mark the misses.
 */
package org.newswatch.alert.feedback;
