package org.newswatch.common.config;

import java.util.function.Function;

/**
 * One configuration variable, declared once in {@link Settings}: its name, its value when unset,
 * how its text is read and checked, what it means, and whether it is a secret (never printed).
 *
 * @param fallback the value when the variable is unset or blank; null = none
 * @param defaultText the default as a person reads it (in {@code newswatch config} and the usage)
 * @param parser reads the text; throws {@link IllegalArgumentException} saying what it accepts
 */
public record Setting<T>(
    String name,
    T fallback,
    String defaultText,
    boolean secret,
    String description,
    Function<String, T> parser) {

  public Setting {
    if (!name.startsWith("NEWSWATCH_")) {
      throw new IllegalArgumentException("a setting's name starts with NEWSWATCH_: " + name);
    }
  }

  /** The value of {@code text}, or an error naming this variable, what it accepts and the text. */
  T parse(String text) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          name + " must be " + e.getMessage() + ", was '" + (secret ? "…" : text) + "'", e);
    }
  }
}
