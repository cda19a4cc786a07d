/**
 * HTTP as a good citizen: one fetcher with timeouts, a size cap, gzip, conditional requests,
 * hand-followed redirects, and the SSRF guard (common's AddressGuard) checked, with its addresses
 * pinned, on every hop; plus URL canonicalisation, which the article id is a hash of.
 */
package org.newswatch.ingest.fetch;
