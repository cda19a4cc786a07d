/**
 * Matching articles against subscriptions.
 *
 * <p>A subscription's query is written in one of two forms. The Lucene classic syntax ({@link
 * org.newswatch.alert.match.SubscriptionQuery}): {@code +(panjgur OR kech) +(attack OR "border
 * guards") -cricket}, default operator AND, over title and body. Or the weighted form of the Europe
 * Media Monitor ({@link org.newswatch.alert.match.WeightedQuery}): weighted lines that add up to a
 * threshold, with required and excluded parts.
 *
 * <p>Both go through {@link org.newswatch.common.text.NewsAnalyzer}, the index's analyzer: a query
 * finds in search what it fires on as an alert, and Urdu and Persian spellings normalise alike.
 *
 * <p>{@link org.newswatch.alert.match.AlertMatcher} holds every subscription in a Lucene {@code
 * Monitor}; its presearcher (multipass term filtering) runs only the queries whose terms occur in
 * the article. The built-in topics live as readable files under {@code
 * src/main/resources/org/newswatch/alert/topics/} ({@link org.newswatch.alert.match.TopicFile}),
 * for analysts to copy.
 *
 * <p>A match says why it fired ({@link org.newswatch.common.model.Explanation}): the matched words
 * at their offsets in the article (the body is analysed as one value, so Lucene's offsets are the
 * text's own), and the parts of the query that matched: weighted lines with the score, or the
 * Lucene form's top-level clauses ({@code QueryClauses}), each run alone on the article.
 */
package org.newswatch.alert.match;
