/**
 * Stories: which articles report one event, decided in one place ({@link
 * org.newswatch.ingest.story.StoryMatcher}) whatever ingest instance fetched them.
 *
 * <pre>{@code
 * StoryMatcher stories = new CrossLanguageMatcher();        // one per linker thread; 200,000 articles, 48 h
 * replayed.forEach(stories::remember);                      // at start: articles with their story ids
 * String storyId = stories.assign(article);                 // an earlier member's story, or "s-…" (new)
 * }</pre>
 *
 * <p>{@link org.newswatch.ingest.story.CrossLanguageMatcher} keeps same-language near-duplicates
 * together (the SimHash of {@code StoryClusterer}) and links reports of one event across English,
 * Urdu and Persian by what survives translation, read by {@code SignalReader}: the places ingest
 * tagged ({@code common/places}), armed groups and security forces ({@code groups.txt}), counts in any
 * digits ({@code Numbers}), the kind of event ({@code kinds.txt}) and the time between them; {@code
 * LinkRule} weighs them. {@link org.newswatch.ingest.story.NearDuplicateMatcher} is the rule before
 * linking, same-language near-duplicates only. The README's "Stories" section says what links and
 * what does not, with the measured precision and recall.
 */
package org.newswatch.ingest.story;
