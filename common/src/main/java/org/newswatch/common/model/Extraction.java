package org.newswatch.common.model;

import java.util.List;

/**
 * How an article's text was obtained ({@code page}, {@code feed-description}, …) and what went
 * wrong on the way.
 */
public record Extraction(String method, List<String> warnings) {
  public static final Extraction NONE = new Extraction("none", List.of());

  public Extraction {
    method = method == null || method.isBlank() ? "none" : method;
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
