package org.newswatch.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.testing.TestArticles;

/**
 * The facet values kept per segment across searches ({@link FacetOrdinals}) follow the index:
 * counts change with new, updated and deleted articles after a refresh, and segments Lucene has
 * merged away are forgotten.
 */
class FacetCacheTest {
  static Article story(String id, String source, String language) {
    return TestArticles.article(
        id,
        "Border report " + id,
        "Border crossing report from the field.",
        source,
        language,
        TestArticles.T0);
  }

  @Test
  void facetCountsFollowNewUpdatedAndDeletedArticlesAfterARefresh(@TempDir Path dir) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      ArticleSearcher searcher =
          new ArticleSearcher(indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1));
      indexer.apply(
          ArticleBatch.of(
              List.of(story("a", "VOA", "en"), story("b", "VOA", "en"), story("c", "VOA", "en"))));
      indexer.commit();
      indexer.refresh();
      SearchResult before = searcher.search(SearchRequest.of("border"));
      assertEquals(
          Map.of("VOA", 3L),
          before.facets().get("source"),
          "counted, and the segment's values now kept");

      // A new source in a new segment, an article moved to another source and language (its old
      // document deleted in the cached segment), one deleted outright.
      indexer.apply(
          new ArticleBatch(
              List.of(story("d", "Dawn", "ur"), story("b", "Radio Farda", "fa")),
              List.of("c"),
              Map.of()));
      indexer.commit();
      indexer.refresh();
      SearchResult after = searcher.search(SearchRequest.of("border"));
      assertEquals(3, after.total());
      assertEquals(Map.of("VOA", 1L, "Dawn", 1L, "Radio Farda", 1L), after.facets().get("source"));
      assertEquals(Map.of("en", 1L, "ur", 1L, "fa", 1L), after.facets().get("language"));
    }
  }

  @Test
  void segmentsMergedAwayAreForgotten(@TempDir Path dir) throws Exception {
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer =
            new IndexWriter(directory, new IndexWriterConfig(ArticleFields.analyzer()));
        SearcherManager searchers = new SearcherManager(writer, null)) {
      for (int i = 0; i < 4; i++) {
        writer.addDocument(
            ArticleFields.toDocument(story("s" + i, i % 2 == 0 ? "VOA" : "Dawn", "en")));
        writer.flush(); // one segment each
      }
      searchers.maybeRefreshBlocking();
      ArticleSearcher searcher =
          new ArticleSearcher(searchers, ArticleFields.analyzer(), Duration.ofMinutes(1));
      assertEquals(
          Map.of("VOA", 2L, "Dawn", 2L),
          searcher.search(SearchRequest.of("border")).facets().get("source"));
      assertEquals(4, searcher.facetOrdinals().segments());

      writer.updateDocument(
          new Term(ArticleFields.ID, "s0"), ArticleFields.toDocument(story("s0", "Dawn", "en")));
      writer.forceMerge(1);
      searchers.maybeRefreshBlocking(); // releases the old reader: its four segments close
      assertEquals(
          Map.of("VOA", 1L, "Dawn", 3L),
          searcher.search(SearchRequest.of("border")).facets().get("source"));
      assertEquals(1, searcher.facetOrdinals().segments(), "only the merged segment is kept");
    }
  }
}
