/**
 * WebSub (W3C Recommendation, 2018), subscriber side: feeds that name a hub are pushed to
 * ingest-service at {@code /websub/<feed id>} within seconds of publishing, and polled only slowly
 * as a safety net. On when {@code NEWSWATCH_INGEST_PUBLIC_URL} gives the address hubs can reach;
 * off (polling only) otherwise.
 */
package org.newswatch.ingest.websub;
