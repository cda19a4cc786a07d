/**
 * Searching the index: {@link org.newswatch.index.search.QuerySyntax} (Lucene query syntax with
 * safe limits: no leading wildcards, at most 256 terms, 128 expansions per wildcard term, 2,000
 * characters, known fields only), {@link org.newswatch.index.search.ArticleSearcher} (filters,
 * sort, search-after cursors, snippets, facets, timeline, similar articles; a time limit per
 * search) and {@link org.newswatch.index.search.ArticleExporter} (every match, streamed page by
 * page). An exact phrase reads the index's word pairs ({@code PairPhraseQuery}: the matches and
 * scores of Lucene's phrase query, from short postings lists instead of every position of its
 * words).
 */
package org.newswatch.index.search;
