package org.newswatch.index.indexing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;
import org.newswatch.common.Hashes;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Extraction;
import org.newswatch.common.text.NewsAnalyzer;
import org.newswatch.common.text.Paragraphs;

/**
 * The index schema: which field of an {@link Article} becomes which kind of Lucene field, and back.
 * Every field name the index-service uses is spelled here.
 */
public final class ArticleFields {
  public static final String ID = "id";
  public static final String URL = "url";
  public static final String CANONICAL_URL = "canonicalUrl";
  public static final String FEED = "feedId";
  public static final String SOURCE = "source";
  public static final String TITLE = "title";
  public static final String BODY = "body";

  /**
   * The body's first paragraph again, indexed only: a word in the lead says more than one deep in
   * the body.
   */
  public static final String LEAD = "lead";

  /**
   * The article's {@link Desk} (news, sport), as its ordinal in doc values: relevance weighs it.
   */
  public static final String DESK = "desk";

  public static final String AUTHORS = "authors";
  public static final String LANGUAGE = "language";
  public static final String PUBLISHED = "publishedAt";
  public static final String FETCHED = "fetchedAt";
  public static final String STORY = "storyId";
  public static final String KEYWORDS = "keywords";
  public static final String PLACE = "place";
  public static final String CONTENT_HASH = "contentHash";
  public static final String EXTRACTION = "extraction";
  public static final String SCHEMA = "schema";

  /** The fields a free-text query searches, with their boosts: a word in the title says more. */
  public static final Map<String, Float> TEXT_FIELDS = textFields();

  /** Fields matched exactly: a query {@code source:VOA} must not be stemmed or split. */
  static final List<String> KEYWORD_FIELDS =
      List.of(ID, URL, FEED, SOURCE, LANGUAGE, STORY, AUTHORS, KEYWORDS, PLACE);

  /**
   * The longest value a keyword field (and a sorted doc value) indexes whole, in UTF-8 bytes.
   * Lucene refuses a whole document with a term over 32,766 bytes ({@code
   * IndexWriter.MAX_TERM_LENGTH}), so no value may reach the index unbounded; 4 KB keeps every real
   * link (tracking parameters included), name and tag exact. A longer value is indexed as its first
   * bytes and a hash of the whole ({@link #term}); it is still stored whole.
   */
  public static final int MAX_TERM_BYTES = 4_096;

  /**
   * The order documents are kept in within each segment of a new index: newest first, ties by id. A
   * newest-first search reads each segment's top hits from its start and stops collecting them
   * early (the counts still see every match); equal to {@code sort=newest}, which it must stay.
   */
  public static final Sort NEWEST_FIRST =
      new Sort(
          new SortField(PUBLISHED, SortField.Type.LONG, true),
          new SortField(ID, SortField.Type.STRING));

  private ArticleFields() {}

  private static FieldType bodyWithOffsets() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  /**
   * Whether an index's body keeps offsets: true for a new index (or one without a body yet), false
   * for one made before.
   */
  public static boolean bodyHasOffsets(FieldInfos fields) {
    FieldInfo body = fields.fieldInfo(BODY);
    return body == null
        || body.getIndexOptions() == IndexOptions.NONE
        || body.getIndexOptions() == IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS;
  }

  /**
   * The term a keyword value is indexed (and looked up) as: the value itself up to {@link
   * #MAX_TERM_BYTES}, else its longest prefix within the bound, cut between characters, then {@code
   * #} and the SHA-256 of the whole value, so that two long values stay two terms.
   */
  public static String term(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_TERM_BYTES) {
      return value;
    }
    String hash = Hashes.sha256Hex(value);
    int end = MAX_TERM_BYTES - 1 - hash.length();
    // Back over continuation bytes (10xxxxxx), so the cut falls between two characters.
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(utf8, 0, end, StandardCharsets.UTF_8) + "#" + hash;
  }

  /** A keyword value: indexed as its bounded {@link #term}, stored whole. */
  private static void addExact(Document doc, String field, String value) {
    String term = term(value);
    if (term.equals(value)) {
      doc.add(new StringField(field, value, Field.Store.YES));
    } else {
      doc.add(new StringField(field, term, Field.Store.NO));
      doc.add(new StoredField(field, value));
    }
  }

  /** In a fixed order (title first), so that parsed queries read the same on every run. */
  private static Map<String, Float> textFields() {
    Map<String, Float> fields = new java.util.LinkedHashMap<>();
    fields.put(TITLE, 2.0f);
    fields.put(BODY, 1.0f);
    return java.util.Collections.unmodifiableMap(fields);
  }

  /**
   * {@link NewsAnalyzer} for the text fields (titles and bodies in any script) and the keyword
   * analyzer for the exact ones, so that the query parser treats {@code source:Dunya News} as the
   * single value it was indexed as; the text fields with {@link PhraseGrams}, as a new index keeps
   * them.
   */
  public static ArticleAnalyzer analyzer() {
    return analyzer(true);
  }

  /**
   * As above, with common-word pairs in the text fields or without them (an index made before them
   * is written and searched without).
   */
  public static ArticleAnalyzer analyzer(boolean phraseGrams) {
    Map<String, Analyzer> exact = new java.util.HashMap<>();
    KeywordAnalyzer keyword = new KeywordAnalyzer();
    for (String field : KEYWORD_FIELDS) {
      exact.put(field, keyword);
    }
    return new ArticleAnalyzer(new PerFieldAnalyzerWrapper(new NewsAnalyzer(), exact), phraseGrams);
  }

  /**
   * The body as analysed text, stored, with each term's offsets in the postings: the highlighter
   * reads a snippet's offsets from there instead of analysing every hit's whole body again (that
   * was a third of a search's time at a million articles, profiled).
   */
  private static final FieldType BODY_WITH_OFFSETS = bodyWithOffsets();

  /** The Lucene document of an article, as a new index holds it. */
  public static Document toDocument(Article a) {
    return toDocument(a, true);
  }

  /**
   * The Lucene document of an article; {@code bodyOffsets} false for an index made before the body
   * kept offsets (Lucene refuses to change a field's options within an index).
   */
  public static Document toDocument(Article a, boolean bodyOffsets) {
    Document doc = new Document();
    // id: keyword (the upsert key, looked up exactly) and sorted doc values (the unique tie-breaker
    // that keeps search-after cursors stable when scores or times are equal).
    // Every keyword value goes through term(): none can exceed Lucene's term limit.
    addExact(doc, ID, a.id());
    doc.add(new SortedDocValuesField(ID, new BytesRef(term(a.id()))));
    // url: keyword, so a researcher can find the article they hold a link to with url:"…".
    addExact(doc, URL, a.url());
    doc.add(new StoredField(CANONICAL_URL, a.canonicalUrl()));
    // feedId, source, language: keywords (filters and facets need the exact value) with doc values
    // for facet counting; source and language are single-valued per article.
    if (a.feedId() != null) {
      addExact(doc, FEED, a.feedId());
    }
    addExact(doc, SOURCE, a.source());
    doc.add(new SortedSetDocValuesField(SOURCE, new BytesRef(term(a.source()))));
    addExact(doc, LANGUAGE, a.language());
    doc.add(new SortedSetDocValuesField(LANGUAGE, new BytesRef(term(a.language()))));
    // title, body: analysed text (NewsAnalyzer: any script, region-name variants, stemming), stored
    // for display and snippets (the body's snippets from its offsets). The body is one value
    // (offsets are the body's own); the analyzer puts a gap at each blank line, so that phrases
    // stay
    // inside a paragraph, in search and in highlighting alike.
    doc.add(new TextField(TITLE, a.title(), Field.Store.YES));
    doc.add(
        bodyOffsets
            ? new Field(BODY, a.body(), BODY_WITH_OFFSETS)
            : new TextField(BODY, a.body(), Field.Store.YES));
    // lead: the first paragraph once more, analysed, not stored (ranking only; never displayed, so
    // scoring reads no stored field). Added to the schema later: documents indexed before have no
    // lead and simply get no lead weight until they are indexed again.
    String lead = a.body().substring(0, Paragraphs.leadEnd(a.body()));
    if (!lead.isBlank()) {
      doc.add(new TextField(LEAD, lead, Field.Store.NO));
    }
    // authors: keywords, one value each (author:"Jane Doe" matches the whole name only).
    for (String author : a.authors()) {
      addExact(doc, AUTHORS, author);
    }
    // keywords: the publisher's own tags, matched whole (keywords:"Sistan-Baluchestan"), stored.
    for (String keyword : a.keywords()) {
      addExact(doc, KEYWORDS, keyword);
    }
    // place: the ids of the places the article names (pk-panjgur), tagged at ingest. Keyword (the
    // place: query and filter look ids up exactly), doc values (the place facet; several per
    // article), stored (the article read back).
    for (String place : a.places()) {
      addExact(doc, PLACE, place);
      doc.add(new SortedSetDocValuesField(PLACE, new BytesRef(term(place))));
    }
    // publishedAt: a point (range filters), doc values (sort newest, timeline) and stored
    // (display).
    // An article without a publication time is placed at the time it was fetched.
    long published = a.effectiveTime().toEpochMilli();
    doc.add(new LongPoint(PUBLISHED, published));
    doc.add(new NumericDocValuesField(PUBLISHED, published));
    doc.add(new StoredField(PUBLISHED, published));
    // desk: doc values only (one small number read per matching article when ranking by relevance;
    // never searched or shown). Documents indexed before it existed have none and count as news.
    doc.add(new NumericDocValuesField(DESK, Desk.of(a).ordinal()));
    // fetchedAt: a point (range filters on when we saw it) and stored.
    long fetched = a.fetchedAt().toEpochMilli();
    doc.add(new LongPoint(FETCHED, fetched));
    doc.add(new StoredField(FETCHED, fetched));
    // storyId: keyword (all articles of one story) and stored.
    addExact(doc, STORY, a.storyId());
    // contentHash, extraction method, schema: display only.
    if (a.contentHash() != null) {
      doc.add(new StoredField(CONTENT_HASH, a.contentHash()));
    }
    doc.add(new StoredField(EXTRACTION, a.extraction().method()));
    doc.add(new StoredField(SCHEMA, a.schema()));
    return doc;
  }

  /** The article back from its stored fields. */
  public static Article toArticle(Document doc) {
    List<String> authors = new ArrayList<>();
    for (IndexableField f : doc.getFields(AUTHORS)) {
      authors.add(f.stringValue());
    }
    List<String> keywords = new ArrayList<>();
    for (IndexableField f : doc.getFields(KEYWORDS)) {
      keywords.add(f.stringValue());
    }
    List<String> places = new ArrayList<>();
    for (IndexableField f : doc.getFields(PLACE)) {
      places.add(f.stringValue());
    }
    IndexableField schema = doc.getField(SCHEMA);
    return new Article(
        schema == null ? Article.SCHEMA : schema.numericValue().intValue(),
        doc.get(ID),
        doc.get(URL),
        doc.get(CANONICAL_URL),
        doc.get(FEED),
        doc.get(SOURCE),
        doc.get(TITLE),
        doc.get(BODY),
        authors,
        doc.get(LANGUAGE),
        instant(doc, PUBLISHED),
        instant(doc, FETCHED),
        doc.get(STORY),
        doc.get(CONTENT_HASH),
        new Extraction(doc.get(EXTRACTION), List.of()),
        keywords,
        places);
  }

  static Instant instant(Document doc, String field) {
    IndexableField f = doc.getField(field);
    return f == null ? null : Instant.ofEpochMilli(f.numericValue().longValue());
  }
}
