/**
 * Publishing articles to Kafka and remembering what was published (the dedup store), so that an
 * article goes out once, again only when its text changes, and not again after a restart.
 */
package org.newswatch.ingest.publish;
