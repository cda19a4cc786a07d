package org.newswatch.alert.match;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.newswatch.common.model.Article;

/**
 * An article as the Lucene monitor sees it: title and body under the index's field names and
 * analysis (the index's own {@code ArticleFields} holds many more fields, for search).
 */
final class MonitorDocument {
  static final String TITLE = "title";
  static final String BODY = "body";

  private MonitorDocument() {}

  /** Title and body as analysed text; language and source are filters, applied outside Lucene. */
  static Document toDocument(Article article) {
    Document doc = new Document();
    doc.add(new TextField(TITLE, article.title(), Field.Store.NO));
    // One value, so that the matched words' offsets are the body's own; the analyzer's gap at each
    // blank line keeps phrases inside a paragraph.
    doc.add(new TextField(BODY, article.body(), Field.Store.NO));
    return doc;
  }
}
