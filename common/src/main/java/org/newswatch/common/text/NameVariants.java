package org.newswatch.common.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;

/**
 * Spelling variants of one name mapped to a canonical token, read from {@code name-variants.txt}:
 * one line per name, {@code canonical: variant, variant, …}, in any script. Variants are single
 * words, compared after {@link ScriptNormalizer} and ICU folding, exactly as the analyzer has
 * turned them when they reach {@link NameVariantFilter} (folding maps Persian ی and ک to their
 * Arabic forms, so an entry that skipped it would never match a token).
 */
public final class NameVariants {
  static final String RESOURCE = "/org/newswatch/common/text/name-variants.txt";
  private static final NameVariants BUNDLED = load(RESOURCE);

  private final Map<String, String> canonical;

  private NameVariants(Map<String, String> canonical) {
    this.canonical = Map.copyOf(canonical);
  }

  public static NameVariants bundled() {
    return BUNDLED;
  }

  public Optional<String> canonicalOf(String token) {
    return Optional.ofNullable(canonical.get(token));
  }

  public int size() {
    return canonical.size();
  }

  static NameVariants load(String resource) {
    try (InputStream in = NameVariants.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static NameVariants parse(BufferedReader reader) throws IOException {
    Map<String, String> map = new HashMap<>();
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "name-variants line " + number + ": expected 'canonical: variant, …'");
      }
      String target = key(line.substring(0, colon));
      for (String variant : line.substring(colon + 1).split(",")) {
        if (!variant.isBlank()) {
          map.put(key(variant), target);
        }
      }
    }
    return new NameVariants(map);
  }

  private static String key(String word) {
    return ICUFoldingFilter.NORMALIZER
        .normalize(ScriptNormalizer.normalize(word.strip()))
        .toLowerCase(Locale.ROOT);
  }
}
