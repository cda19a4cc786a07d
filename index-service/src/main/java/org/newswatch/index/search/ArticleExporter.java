package org.newswatch.index.search;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldDocs;
import org.newswatch.common.Json;
import org.newswatch.common.model.Article;
import org.newswatch.index.indexing.ArticleFields;

/**
 * Streams every article that matches a search, newest first, as CSV (RFC 4180) or JSON Lines.
 * Memory stays flat whatever the number of matches: one page of {@link #PAGE} articles is read,
 * written and dropped before the next (search-after on one point-in-time view of the index, so a
 * long export neither skips nor repeats articles indexed meanwhile).
 */
public final class ArticleExporter {
  /** Articles read per page. */
  static final int PAGE = 1_000;

  /** Time limit for reading one page; the export as a whole may run as long as the client reads. */
  static final long PAGE_TIME_LIMIT_MS = 10_000;

  static final String[] CSV_COLUMNS = {
    "id",
    "url",
    "title",
    "source",
    "language",
    "publishedAt",
    "fetchedAt",
    "feedId",
    "storyId",
    "authors",
    "body"
  };

  /** The export formats. */
  public enum Format {
    CSV("text/csv; charset=utf-8", "csv"),
    JSONL("application/x-ndjson; charset=utf-8", "jsonl");

    public final String contentType;
    public final String extension;

    Format(String contentType, String extension) {
      this.contentType = contentType;
      this.extension = extension;
    }

    public static Format parse(String value) {
      if (value == null || value.isBlank()) {
        return CSV;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "csv" -> CSV;
        case "jsonl", "ndjson" -> JSONL;
        default ->
            throw new IllegalArgumentException("format must be csv or jsonl, was '" + value + "'");
      };
    }
  }

  private final ReferenceManager<IndexSearcher> searchers;
  private final ArticleSearcher searcher;

  public ArticleExporter(ArticleSearcher searcher) {
    this.searcher = searcher;
    this.searchers = searcher.searchers();
  }

  /** Checks the request before any byte is sent, so that a bad query is still a 400 answer. */
  public Query prepare(SearchRequest request) {
    return searcher.query(request);
  }

  /** Writes every match of {@code query}; returns how many. The stream is flushed, not closed. */
  public long export(Query query, Format format, OutputStream out) throws IOException {
    return export(query, format, false, out);
  }

  /**
   * As above; {@code byteOrderMark} starts a CSV with U+FEFF, without which Excel reads UTF-8 as
   * the machine's legacy code page and shows Urdu and Persian as mojibake. Scripts read it as a
   * stray character in the first column's name, so it is asked for, not the default (CSV only: the
   * caller checks).
   */
  public long export(Query query, Format format, boolean byteOrderMark, OutputStream out)
      throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    if (byteOrderMark) {
      w.write('\uFEFF');
    }
    if (format == Format.CSV) {
      w.write(String.join(",", CSV_COLUMNS));
      w.write("\r\n");
    }
    long rows = 0;
    IndexSearcher shared = searchers.acquire();
    try {
      IndexSearcher view = new IndexSearcher(shared.getIndexReader());
      FieldDoc after = null;
      while (true) {
        view.setTimeout(new QueryTimeoutImpl(PAGE_TIME_LIMIT_MS));
        TopFieldDocs page = view.searchAfter(after, query, PAGE, SortOrder.NEWEST.sort(), false);
        if (page.scoreDocs.length == 0) {
          break;
        }
        StoredFields stored = view.storedFields();
        for (ScoreDoc sd : page.scoreDocs) {
          Article a = ArticleFields.toArticle(stored.document(sd.doc));
          if (format == Format.CSV) {
            writeCsv(w, a);
          } else {
            w.write(Json.toString(a));
            w.write('\n');
          }
          rows++;
        }
        w.flush(); // hand the page to the client before reading the next
        if (page.scoreDocs.length < PAGE) {
          break;
        }
        after = (FieldDoc) page.scoreDocs[page.scoreDocs.length - 1];
      }
    } finally {
      searchers.release(shared);
    }
    w.flush();
    return rows;
  }

  static void writeCsv(Writer w, Article a) throws IOException {
    String[] values = {
      a.id(),
      a.url(),
      a.title(),
      a.source(),
      a.language(),
      String.valueOf(a.publishedAt()),
      String.valueOf(a.fetchedAt()),
      a.feedId(),
      a.storyId(),
      String.join("; ", a.authors()),
      a.body()
    };
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(csvField(values[i]));
    }
    w.write("\r\n");
  }

  /**
   * RFC 4180 §2: a field with a comma, quote or line break is quoted, quotes doubled. A field that
   * a spreadsheet would run as a formula (leading {@code = + - @}) gets a leading apostrophe, since
   * article text is written by strangers (OWASP "CSV injection").
   */
  static String csvField(String value) {
    if (value == null || value.equals("null")) {
      return "";
    }
    String v = value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
