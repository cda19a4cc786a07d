package org.newswatch.alert.match;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.newswatch.common.model.Article;

/** The fields of an article as the matcher sees it: the same names and analysis as the index. */
final class ArticleFields {
  static final String TITLE = "title";
  static final String BODY = "body";

  private ArticleFields() {}

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
