/**
 * Stories: which articles report one event, decided in one place whatever ingest instance fetched
 * them.
 *
 * <p>Ingest instances publish each extracted article to {@code news.intake} (one partition). The
 * {@link org.newswatch.ingest.story.StoryLinker}, running in every instance in one consumer group,
 * links in the instance that holds that partition: it rebuilds its memory from {@code
 * news.articles} when it takes the partition, gives each article a story through the {@link
 * org.newswatch.ingest.story.StoryMatcher} (an article known by id keeps its story), and writes the
 * article to {@code news.articles} and its story to {@code news.stories} in one transaction with
 * the intake offsets. {@link org.newswatch.ingest.story.ArticleLinker} is that work without Kafka.
 * {@link org.newswatch.ingest.story.CrossLanguageMatcher} is the rule deployments use
 * (near-duplicates, and one event's reports across languages); {@link
 * org.newswatch.ingest.story.NearDuplicateMatcher} the same-language rule of before, kept for
 * comparison in the bench.
 *
 * <pre>{@code
 * ArticleLinker linker = new ArticleLinker(new CrossLanguageMatcher());
 * articlesOnTheTopic.forEach(linker::remember);          // after a restart: the same ids again
 * List<ArticleLinker.Output> out = linker.process(batch); // Linked, StoryChanged, DeadLetter
 * }</pre>
 */
package org.newswatch.ingest.story;
