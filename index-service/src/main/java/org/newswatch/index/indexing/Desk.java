package org.newswatch.index.indexing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.newswatch.common.model.Article;
import org.newswatch.common.text.NewsAnalyzer;
import org.newswatch.common.text.Paragraphs;

/**
 * The desk an article comes from, guessed at indexing from words in its title and lead ({@code
 * desk-words.txt}, in English, Urdu and Persian through {@link NewsAnalyzer}). Relevance ranks
 * sport below news of an equal text match: for {@code Balochistan} a researcher of the region wants
 * the border news before the province's cricket team. Feeds rarely say their section, so the words
 * decide.
 *
 * <p>Indexed as the ordinal in doc values: never reorder the constants; add new ones at the end. A
 * document indexed before desks existed has no value and counts as {@link #NEWS}.
 */
public enum Desk {
  NEWS,
  SPORT;

  private static final Analyzer ANALYZER = new NewsAnalyzer();
  private static final Map<Desk, Set<String>> WORDS = load();

  /**
   * The desk of the article: the first desk (in declaration order) one of whose words is in its
   * title or lead.
   */
  public static Desk of(Article a) {
    Set<String> tokens =
        tokens(a.title() + "\n\n" + a.body().substring(0, Paragraphs.leadEnd(a.body())));
    for (Map.Entry<Desk, Set<String>> desk : WORDS.entrySet()) {
      for (String word : desk.getValue()) {
        if (tokens.contains(word)) {
          return desk.getKey();
        }
      }
    }
    return NEWS;
  }

  /** The desk with this ordinal; an unknown one (from a newer version) counts as news. */
  public static Desk ofOrdinal(long ordinal) {
    Desk[] all = values();
    return ordinal >= 0 && ordinal < all.length ? all[(int) ordinal] : NEWS;
  }

  private static Set<String> tokens(String text) {
    Set<String> tokens = new HashSet<>();
    try (TokenStream ts = ANALYZER.tokenStream(ArticleFields.TITLE, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        tokens.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing a string cannot fail", e);
    }
    return tokens;
  }

  private static Map<Desk, Set<String>> load() {
    Map<Desk, Set<String>> words = new EnumMap<>(Desk.class);
    try (InputStream in = Desk.class.getResourceAsStream("desk-words.txt")) {
      for (String line :
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
        int colon = line.indexOf(':');
        if (line.isBlank() || line.startsWith("#") || colon < 0) {
          continue;
        }
        Desk desk = Desk.valueOf(line.substring(0, colon).strip().toUpperCase(Locale.ROOT));
        Set<String> set = words.computeIfAbsent(desk, d -> new HashSet<>());
        for (String word : line.substring(colon + 1).split(",")) {
          for (String token : tokens(word.strip())) {
            // A stem of one or two letters ("innings" stems to "in") would file every article under
            // the desk.
            if (token.length() < 3) {
              throw new IllegalStateException(
                  "desk-words.txt: '"
                      + word.strip()
                      + "' analyses to '"
                      + token
                      + "', too short to tell a desk");
            }
            set.add(token);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading desk-words.txt", e);
    }
    return words;
  }
}
