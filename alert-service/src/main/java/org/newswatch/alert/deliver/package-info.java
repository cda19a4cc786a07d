/**
 * Delivering alerts where analysts work, at least once, with the alert id as idempotency key.
 *
 * <p>{@link org.newswatch.alert.deliver.DeliveryLoop}, a {@code ConsumerLoop}, reads {@code
 * news.alerts} and hands each alert of an {@code immediate} subscription to {@link
 * org.newswatch.alert.deliver.AlertDispatcher}, which sends it to its webhooks and e-mail addresses
 * ({@link org.newswatch.alert.deliver.EmailSender}, over SMTP with {@link
 * org.newswatch.alert.deliver.SmtpSettings}) through one queue per destination, so that a slow or
 * dead receiver delays only its own alerts ({@link org.newswatch.alert.deliver.DeliverySettings}
 * bounds them); {@link org.newswatch.alert.deliver.DigestScheduler} sends hourly and daily digests.
 * Both sign with {@link org.newswatch.alert.deliver.WebhookSignature}, retry with backoff through
 * {@link org.newswatch.alert.deliver.WebhookSender}, refuse internal addresses ({@link
 * org.newswatch.common.net.AddressGuard}) and record what still fails on {@code news.deadletter}
 * and in the {@link org.newswatch.alert.deliver.DeliveryLog} shown on the analysts' page.
 */
package org.newswatch.alert.deliver;
