/**
 * From {@code news.articles} into Lucene: {@link org.newswatch.index.indexing.ArticleFields} (which
 * field of an article becomes which kind of Lucene field, and why), {@link
 * org.newswatch.index.indexing.ArticleIndexer} (the index on disk, commits carrying Kafka
 * positions) and {@link org.newswatch.index.indexing.ArticleConsumer} (one consumer, one thread;
 * undecodable records to the dead-letter topic). {@link org.newswatch.index.indexing.IndexingPace}
 * says how often work becomes searchable and durable. A write that fails (a full disk) pauses
 * indexing, as an {@link org.newswatch.index.indexing.IndexOutage}, until a retry finds room;
 * {@link org.newswatch.index.indexing.IndexSearchers} keeps searches going across the writer being
 * reopened.
 */
package org.newswatch.index.indexing;
