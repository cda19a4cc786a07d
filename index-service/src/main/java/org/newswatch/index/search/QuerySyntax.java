package org.newswatch.index.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.newswatch.index.indexing.ArticleAnalyzer;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.PhraseGrams;

/**
 * Parses researchers' queries in the Lucene query syntax (phrases, AND/OR/NOT, {@code field:},
 * {@code "a b"~3}, wildcards, ranges) over title and body, with limits that keep one query from
 * taking the service down: bounded length and clause count, no leading wildcards, and wildcard or
 * fuzzy terms expanded to at most {@link #MAX_EXPANSIONS} index terms.
 *
 * <p>Not thread-safe (the classic parser keeps state): make one per request, they are cheap.
 */
final class QuerySyntax {
  /** Longer queries are almost certainly generated, not typed; 2,000 characters is generous. */
  public static final int MAX_LENGTH = 2_000;

  /** Term clauses after parsing; Lucene's own bound (1,024) applies again after expansion. */
  public static final int MAX_CLAUSES = 256;

  /**
   * Index terms one wildcard, prefix or fuzzy term may expand to (the best-scoring ones are kept).
   */
  public static final int MAX_EXPANSIONS = 128;

  private final MultiFieldQueryParser parser;

  /** The index's analysis when its text fields hold common-word pairs, else null. */
  private final ArticleAnalyzer grams;

  /** True while the parser builds a phrase it will add a slop to. */
  private boolean sloppy;

  private final java.util.Map<String, Float> weights;

  public QuerySyntax(Analyzer analyzer) {
    this(analyzer, NewsRelevance.FIELD_WEIGHTS);
  }

  /**
   * With {@code weights} per searched field (title, lead, body: {@link
   * NewsRelevance#FIELD_WEIGHTS}).
   */
  QuerySyntax(Analyzer analyzer, java.util.Map<String, Float> weights) {
    this.weights = weights;
    this.grams = analyzer instanceof ArticleAnalyzer a ? a : null;
    String[] fields = weights.keySet().toArray(String[]::new);
    parser =
        new MultiFieldQueryParser(fields, grams == null ? analyzer : grams.wordsOnly(), weights) {
          /**
           * {@code /regex/} terms are refused: building the automaton of nested repetitions ({@code
           * /a+++…/}) takes time exponential in their depth, before any work limit applies (found
           * by fuzzing: one query held a search thread for minutes). Wildcards cover the need.
           */
          @Override
          protected Query getRegexpQuery(String field, String termStr) {
            throw new BadQueryException(
                "regular expressions (/…/) are not supported; use wildcards (* and ?) or quote the slashes");
          }

          /**
           * {@code place:panjgur}, {@code place:پنجگور}, {@code place:pk-panjgur}: the place's id
           * (see {@link PlaceQueries}).
           */
          @Override
          protected Query getFieldQuery(String field, String queryText, boolean quoted)
              throws ParseException {
            return ArticleFields.PLACE.equals(field)
                ? PlaceQueries.anyOf(java.util.List.of(queryText))
                : super.getFieldQuery(field, queryText, quoted);
          }

          /**
           * {@code place:"Sistan and Baluchestan"}: the parser takes a quoted value through this
           * variant.
           */
          @Override
          protected Query getFieldQuery(String field, String queryText, int slop)
              throws ParseException {
            if (ArticleFields.PLACE.equals(field)) {
              return PlaceQueries.anyOf(java.util.List.of(queryText));
            }
            // The parser adds the slop after building the exact phrase; pairs would be wrong then.
            sloppy = slop > 0;
            try {
              return super.getFieldQuery(field, queryText, slop);
            } finally {
              sloppy = false;
            }
          }

          /** An exact phrase with a common word, as its word pairs where the index has them. */
          @Override
          protected Query analyzePhrase(String field, TokenStream stream, int slop)
              throws IOException {
            if (slop > 0 || sloppy || grams == null || !grams.hasPhraseGrams(field)) {
              return super.analyzePhrase(field, stream, slop);
            }
            List<PhraseGrams.Word> words = new ArrayList<>();
            var term = stream.addAttribute(TermToBytesRefAttribute.class);
            var increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
              position += increment.getPositionIncrement();
              words.add(new PhraseGrams.Word(term.getBytesRef().utf8ToString(), position));
            }
            stream.end();
            Query pairs = PhraseGrams.phrase(field, words);
            if (pairs != null) {
              return pairs;
            }
            PhraseQuery.Builder plain = new PhraseQuery.Builder();
            for (PhraseGrams.Word w : words) {
              plain.add(new Term(field, w.text()), w.position());
            }
            return plain.build();
          }
        };
    parser.setDefaultOperator(QueryParser.Operator.AND);
    // A leading wildcard scans the whole term dictionary: refused (the default, said here on
    // purpose).
    parser.setAllowLeadingWildcard(false);
    parser.setMultiTermRewriteMethod(
        new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(MAX_EXPANSIONS));
    // Phrases in Arabic script or with region-name variants produce several tokens per position.
    parser.setAutoGeneratePhraseQueries(false);
    parser.setSplitOnWhitespace(true);
  }

  /** The query for {@code q}; blank means every article. */
  public Query parse(String q) {
    if (q == null || q.isBlank()) {
      return new MatchAllDocsQuery();
    }
    if (q.length() > MAX_LENGTH) {
      throw new BadQueryException(
          "query is " + q.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
    }
    Query query;
    try {
      query = parser.parse(q);
    } catch (ParseException e) {
      throw new BadQueryException(describe(q, e));
    } catch (IndexSearcher.TooManyClauses e) {
      throw new BadQueryException(
          "query has too many clauses; at most " + MAX_CLAUSES + " are allowed");
    } catch (TooComplexToDeterminizeException e) {
      // A word with many * and ? (the same query escaped as a 500 from alert-service when fuzzed).
      throw new BadQueryException(
          "query has a wildcard word too complex to match; use fewer * and ? in one word");
    }
    for (String field : fields(query)) {
      if (!SEARCHABLE.contains(field)) {
        throw new BadQueryException(
            "unknown field '"
                + field
                + "'; searchable fields are "
                + String.join(", ", SEARCHABLE)
                + " (use the source, lang, from and to parameters to filter)");
      }
    }
    int clauses = countTerms(query);
    if (clauses > MAX_CLAUSES) {
      throw new BadQueryException(
          "query has " + clauses + " terms; at most " + MAX_CLAUSES + " are allowed");
    }
    return FieldBlend.blend(query, weights);
  }

  /** Fields a query may name: the text fields and the keyword fields. */
  static final java.util.List<String> SEARCHABLE =
      java.util.List.of(
          ArticleFields.TITLE,
          ArticleFields.LEAD,
          ArticleFields.BODY,
          ArticleFields.SOURCE,
          ArticleFields.LANGUAGE,
          ArticleFields.FEED,
          ArticleFields.AUTHORS,
          ArticleFields.KEYWORDS,
          ArticleFields.STORY,
          ArticleFields.ID,
          ArticleFields.URL,
          ArticleFields.PLACE);

  /**
   * Every field the query touches (a typo such as {@code lang:ur} would otherwise silently match
   * nothing).
   */
  static java.util.Set<String> fields(Query query) {
    java.util.Set<String> fields = new java.util.TreeSet<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            fields.add(field);
            return true;
          }

          @Override
          public QueryVisitor getSubVisitor(
              org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
            return this;
          }
        });
    return fields;
  }

  /**
   * Terms the query holds, not counting the lead's, which repeat the body's (the limit stays what
   * it was).
   */
  static int countTerms(Query query) {
    AtomicInteger n = new AtomicInteger();
    query.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            return !ArticleFields.LEAD.equals(field);
          }

          @Override
          public void consumeTerms(Query q, Term... terms) {
            n.addAndGet(terms.length);
          }

          @Override
          public void visitLeaf(Query q) {
            n.incrementAndGet();
          }

          @Override
          public QueryVisitor getSubVisitor(
              org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
            return this;
          }
        });
    return n.get();
  }

  /**
   * Names the column (1-based) and the text there, instead of the parser's list of expected tokens.
   */
  static String describe(String q, ParseException e) {
    // QueryParser.parse wraps the grammar's exception, which knows the token, in one that does not.
    ParseException grammar = e.getCause() instanceof ParseException inner ? inner : e;
    Token current = grammar.currentToken;
    if (current != null && current.next != null) {
      Token bad = current.next;
      // The classic parser counts columns from 0; people count from 1.
      int column = bad.beginColumn + 1;
      String at = bad.kind == 0 ? "the end of the query" : "'" + bad.image + "'";
      String hint =
          bad.kind == 0
              ? " (an operator or bracket is not followed by a term, or a quote or bracket is not closed)"
              : "";
      return "malformed query at column " + column + ": unexpected " + at + hint;
    }
    String message = e.getMessage() == null ? "malformed query" : e.getMessage();
    int cut = message.indexOf('\n');
    message = cut < 0 ? message : message.substring(0, cut);
    // "Cannot parse 'q': reason" → "malformed query: reason"
    String prefix = "Cannot parse '" + q + "': ";
    return "malformed query: "
        + (message.startsWith(prefix) ? message.substring(prefix.length()) : message);
  }
}
