package org.newswatch.index.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.newswatch.common.model.Article;

/**
 * The Lucene index of articles on disk: owns its {@link IndexWriter}, upserts by article id, and
 * stores with every commit the Kafka positions the commit covers, so that after a restart (or a
 * crash) indexing resumes exactly where the durable index ends: nothing lost, nothing doubled.
 *
 * <p>{@link #apply} is called by one thread (the consumer loop); {@link #searchers()} and {@link
 * #find} may be used from any thread.
 */
public final class ArticleIndexer implements AutoCloseable {
  /** Prefix of the commit user-data keys that hold Kafka positions. */
  static final String POSITION_PREFIX = "kafka.position.";

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  /** Positions the next commit will record: the last committed ones, advanced by each batch. */
  private final Map<String, Long> positions;
  private final Map<String, Long> committedPositions;
  private final AtomicLong documentsIndexed = new AtomicLong();
  private final AtomicLong lastCommitNanos = new AtomicLong();
  private volatile long uncommitted;

  private ArticleIndexer(Directory directory, IndexWriter writer, Map<String, Long> committed) throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.committedPositions = Map.copyOf(committed);
    this.positions = new HashMap<>(committed);
    // Near-real-time: searchers opened from the writer see documents before they are committed.
    this.searchers = new SearcherManager(writer, null);
  }

  /** Opens (or creates) the index in {@code dir}. */
  public static ArticleIndexer open(Path dir) {
    try {
      Directory directory = FSDirectory.open(dir);
      Map<String, Long> committed = new HashMap<>();
      if (DirectoryReader.indexExists(directory)) {
        SegmentInfos.readLatestCommit(directory).getUserData().forEach((k, v) -> {
          if (k.startsWith(POSITION_PREFIX)) {
            committed.put(k.substring(POSITION_PREFIX.length()), Long.parseLong(v));
          }
        });
      }
      IndexWriterConfig config = new IndexWriterConfig(ArticleFields.analyzer());
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      // A larger buffer than the 16 MB default flushes fewer, larger segments while catching up.
      config.setRAMBufferSizeMB(64);
      return new ArticleIndexer(directory, new IndexWriter(directory, config), committed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index in " + dir, e);
    }
  }

  /** The key of a partition in the commit user data. */
  public static String positionKey(String topic, int partition) {
    return topic + "/" + partition;
  }

  /** The positions stored by the last commit before this indexer opened (partition key → next offset). */
  public Map<String, Long> committedPositions() {
    return committedPositions;
  }

  /** Upserts and deletes the batch's articles and advances the positions; durable after {@link #commit()}. */
  public void apply(ArticleBatch batch) {
    try {
      for (Article article : batch.upserts()) {
        Document doc = ArticleFields.toDocument(article);
        // Same id = same article: an update replaces it, a redelivery changes nothing.
        writer.updateDocument(new Term(ArticleFields.ID, article.id()), doc);
      }
      for (String id : batch.deletes()) {
        writer.deleteDocuments(new Term(ArticleFields.ID, id));
      }
      synchronized (positions) {
        positions.putAll(batch.positions());
      }
      documentsIndexed.addAndGet(batch.upserts().size());
      uncommitted += batch.upserts().size() + batch.deletes().size() + batch.positions().size();
    } catch (IOException e) {
      throw new UncheckedIOException("indexing failed", e);
    }
  }

  /** True when something was applied since the last commit. */
  public boolean hasUncommitted() {
    return uncommitted > 0;
  }

  /** Makes everything applied so far durable, together with the positions it covers. */
  public void commit() {
    long start = System.nanoTime();
    try {
      Map<String, String> userData = new TreeMap<>();
      synchronized (positions) {
        positions.forEach((k, v) -> userData.put(POSITION_PREFIX + k, Long.toString(v)));
      }
      writer.setLiveCommitData(userData.entrySet());
      writer.commit();
      uncommitted = 0;
    } catch (IOException e) {
      throw new UncheckedIOException("index commit failed", e);
    } finally {
      lastCommitNanos.set(System.nanoTime() - start);
    }
  }

  /** Lets searches see what was applied (near-real-time, whether or not committed). */
  public void refresh() {
    try {
      searchers.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException("index refresh failed", e);
    }
  }

  public SearcherManager searchers() {
    return searchers;
  }

  /** The article with this id, as last indexed and refreshed. */
  public Optional<Article> find(String id) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(new TermQuery(new Term(ArticleFields.ID, id)), 1);
        if (top.scoreDocs.length == 0) {
          return Optional.empty();
        }
        return Optional.of(ArticleFields.toArticle(searcher.storedFields().document(top.scoreDocs[0].doc)));
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("index read failed", e);
    }
  }

  /** Articles in the searchable view of the index. */
  public int count() {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("index read failed", e);
    }
  }

  /** Articles applied by this indexer since it opened (redeliveries count again). */
  public long documentsIndexed() {
    return documentsIndexed.get();
  }

  /** How long the last commit took, in nanoseconds. */
  public long lastCommitNanos() {
    return lastCommitNanos.get();
  }

  public boolean isOpen() {
    return writer.isOpen();
  }

  /** Closes without committing: the consumer loop commits what it wants durable before this. */
  @Override
  public void close() {
    try {
      searchers.close();
      writer.rollback();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the index failed", e);
    }
  }
}
