package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;

/**
 * The five-million copies must be searched as the index they copy is. Tried: three copies of a
 * committed 40-article index (sorted, with common-word pairs), opened as the service opens an
 * index; and a target folder that already holds something.
 */
class IndexCopiesTest {
  @Test
  void copiesHoldEveryArticleNTimesAndKeepTheSourcesSortAndPairs(
      @TempDir Path source, @TempDir Path target) throws IOException {
    ArticleGenerator generator = new ArticleGenerator(3, 500, 60);
    try (ArticleIndexer indexer = ArticleIndexer.open(source)) {
      indexer.apply(ArticleBatch.of(generator.articles(40)));
      indexer.commit();
    }
    Path copies = target.resolve("copies");

    assertEquals(120, IndexCopies.copy(source, 3, copies));

    try (FSDirectory from = FSDirectory.open(source);
        FSDirectory directory = FSDirectory.open(copies)) {
      assertTrue(ArticleIndexer.sortable(directory), "segments stay newest first");
      assertEquals(
          SegmentInfos.readLatestCommit(from).getUserData(),
          SegmentInfos.readLatestCommit(directory).getUserData());
    }
    try (ArticleIndexer indexer = ArticleIndexer.open(copies)) {
      assertTrue(indexer.analyzer().hasPhraseGrams(ArticleFields.BODY));
      assertEquals(120, indexer.count());
    }
  }

  @Test
  void aFolderThatHoldsSomethingIsRefused(@TempDir Path source, @TempDir Path target)
      throws IOException {
    Files.writeString(target.resolve("keep.txt"), "not an index");
    assertThrows(IllegalArgumentException.class, () -> IndexCopies.copy(source, 2, target));
    assertTrue(Files.exists(target.resolve("keep.txt")));
  }
}
