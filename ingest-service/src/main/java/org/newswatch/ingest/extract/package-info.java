/**
 * Article extraction: from the bytes of a fetched page to an article's text, metadata, language and
 * story id. Parsers here take bytes and never fetch.
 *
 * <h2>Using it</h2>
 *
 * <pre>{@code
 * ArticleExtractor extractor = new ArticleExtractor();          // stateless, share it
 * switch (extractor.extract(bytes, contentTypeHeader, url, feedItemDescription)) {
 *   case ExtractionResult.Extracted e -> publish(e.page());     // e.page().method(): page, json-ld, feed-description
 *   case ExtractionResult.TooShort t -> skip(t.reason());       // a gallery, a consent wall, a video page
 *   case ExtractionResult.Failed f -> deadLetter(f.reason());   // empty, binary, not HTML
 * }
 * StoryClusterer stories = new StoryClusterer();                // one per ingest process, thread-safe
 * String storyId = stories.assign(page.title(), page.body(), page.language());
 * }</pre>
 *
 * <h2>How a page becomes text</h2>
 *
 * <ol>
 *   <li>{@link org.newswatch.ingest.extract.CharsetSniffer}: byte order mark, HTTP charset, {@code
 *       <meta>} prescan, then a UTF-8 validity check and ICU4J detection (windows-1256 and
 *       windows-1252 pages are common in Urdu, Persian and older English sites). Pages are cut at 5
 *       MB.
 *   <li>{@link org.newswatch.ingest.extract.MetadataReader} (with {@code JsonLd} and {@code
 *       PageDates}) reads title, authors, dates (as UTC), canonical URL, site name, image, section,
 *       keywords and the declared language from the untouched page.
 *   <li>{@link org.newswatch.ingest.extract.PageCleaner} removes scripts, hidden elements,
 *       landmarks that are never the article and elements named for boilerplate ({@code Hints}),
 *       and unwraps {@code <noscript>} that holds real text.
 *   <li>{@link org.newswatch.ingest.extract.MainTextFinder} cuts the page into text blocks ({@code
 *       TextBlocks}), lets prose blocks vote for their containers (readability's scoring: length,
 *       punctuation, link density, class names), takes the best container with its qualifying
 *       siblings, and filters its blocks (link lists, label-like lines, wire credits, boilerplate
 *       phrases in English, Urdu, Persian and Arabic, repeats). Headings inside the body stay as
 *       paragraphs.
 *   <li>The schema.org {@code articleBody} replaces the result when it is much longer (pages that
 *       render their text with scripts); a feed description stands in when the page gives nothing,
 *       and the record says so.
 *   <li>{@link org.newswatch.ingest.extract.LanguageDetector} tells English, Urdu, Persian, Pashto
 *       and Arabic apart by letters and function words; the declared language is the fallback.
 * </ol>
 *
 * <h2>How well</h2>
 *
 * {@code CorpusScoreTest} prints token-level precision, recall and F1 on the project's pages in
 * {@code src/test/resources/extract/}: 44 corpus pages (English, Urdu, Persian, Pashto, Arabic;
 * CMS, blog, AMP, live blog, JSON-LD-only, noscript-only, table layouts, windows-1256, ISO-8859-1)
 * and 22 holdout pages written after tuning (the README there has the scores). App's {@code
 * ExtractCommand} runs the extractor over files for a look at its output ({@code newswatch
 * extract}).
 */
package org.newswatch.ingest.extract;
