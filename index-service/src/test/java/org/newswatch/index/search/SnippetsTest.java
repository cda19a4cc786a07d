package org.newswatch.index.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.testing.TestArticles;

/**
 * A search's snippets, cut from the bodies it read for its page, are the ones Lucene's highlighter
 * makes reading the bodies itself: phrases, words in several paragraphs, a title-only match (the
 * body's first sentence), Urdu and Persian, and a body longer than the highlighter reads (10,000
 * characters) with the word only past that point.
 */
class SnippetsTest {
  @Test
  void snippetsAreTheHighlightersOwn(@TempDir Path dir) throws Exception {
    List<Article> articles = new ArrayList<>(BodyOffsetsTest.corpus());
    String filler = "Nothing of note happened in the market today. ".repeat(250);
    articles.add(
        TestArticles.article(
            "long",
            "Long report",
            "Taftan was quiet at first. " + filler + "Later militants were seen near Taftan.",
            "VOA",
            "en",
            TestArticles.T0.plusSeconds(86_400)));
    articles.add(
        TestArticles.article(
            "late",
            "Late word",
            filler + "Only here does Zahedan appear.",
            "Dawn",
            "en",
            TestArticles.T0.plusSeconds(90_000)));
    List<String> queries = new ArrayList<>(BodyOffsetsTest.QUERIES);
    queries.addAll(List.of("Zahedan", "market", "\"border crossing\" OR Taftan", ""));
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(articles));
      indexer.refresh();
      ArticleSearcher searcher =
          new ArticleSearcher(indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1));
      IndexSearcher view = indexer.searchers().acquire();
      try {
        for (String q : queries) {
          for (SortOrder order : SortOrder.values()) {
            SearchRequest request = SearchRequest.of(q).withSort(order).withSize(12);
            SearchResult result = searcher.search(request);
            assertTrue(result.total() > 0, q + " matches");
            ScoreDoc[] docs = new ScoreDoc[result.hits().size()];
            for (int i = 0; i < docs.length; i++) {
              String id = ArticleFields.term(result.hits().get(i).id());
              docs[i] = view.search(new TermQuery(new Term(ArticleFields.ID, id)), 1).scoreDocs[0];
            }
            UnifiedHighlighter stock =
                UnifiedHighlighter.builder(view, ArticleFields.analyzer())
                    .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                    .withMaxNoHighlightPassages(1)
                    .build();
            String[] expected =
                stock.highlight(
                    ArticleFields.BODY,
                    searcher.query(request),
                    new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), docs),
                    2);
            for (int i = 0; i < docs.length; i++) {
              String e = expected[i] == null ? "" : expected[i];
              String snippet = result.hits().get(i).snippet();
              // The searcher caps a long no-match passage at 400 characters.
              assertTrue(
                  snippet.equals(e) || (snippet.endsWith(" …") && e.startsWith(cut(snippet))),
                  q + " " + order + " hit " + i + ": " + snippet + " / " + e);
            }
          }
        }
      } finally {
        indexer.searchers().release(view);
      }
    }
  }

  private static String cut(String snippet) {
    return snippet.substring(0, snippet.length() - 2);
  }
}
