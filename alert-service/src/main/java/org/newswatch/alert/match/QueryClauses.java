package org.newswatch.alert.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The top-level clauses of a Lucene-syntax query, as written, to explain an alert: {@code +(kech OR
 * panjgur) +(attack OR "border guards") -cricket} has the clauses {@code +(kech OR panjgur)} and
 * {@code +(attack OR "border guards")}; excluded clauses never match, so they are left out. A query
 * that is one parenthesised group is explained by the clauses inside it.
 *
 * <p>The classic query parser keeps no source positions, so this splits the text itself: at white
 * space outside quotes and parentheses, dropping the operators {@code AND}, {@code OR}, {@code &&},
 * {@code ||}. A clause that does not parse alone is left out of the explanation, never an error.
 */
final class QueryClauses {
  private static final Set<String> JOINERS = Set.of("AND", "OR", "&&", "||");
  private static final Set<String> NEGATIONS = Set.of("NOT", "!");

  private QueryClauses() {}

  static List<QueryPart> of(String query) {
    List<String> clauses = clauses(query);
    if (clauses.size() == 1) {
      String only = clauses.get(0);
      String inner = only.startsWith("+") ? only.substring(1) : only;
      if (inner.length() > 2 && inner.startsWith("(") && inner.endsWith(")") && enclosed(inner)) {
        List<String> inside = clauses(inner.substring(1, inner.length() - 1));
        if (inside.size() > 1) {
          clauses = inside;
        }
      }
    }
    List<QueryPart> parts = new ArrayList<>();
    for (String clause : clauses) {
      try {
        String prefix = clause.startsWith("+") ? "+" : "";
        parts.add(
            new QueryPart(
                clause,
                null,
                SubscriptionQuery.parseLucene(clause),
                prefix,
                alternatives(clause.substring(prefix.length()))));
      } catch (IllegalArgumentException e) {
        // Meaningful only inside the whole query (a lone operator, a dangling field name): not
        // shown.
      }
    }
    return parts;
  }

  /**
   * The alternatives of a group written {@code (a OR b OR …)}, each parsed; none for any other
   * clause.
   */
  private static List<QueryPart> alternatives(String clause) {
    if (clause.length() <= 2
        || !clause.startsWith("(")
        || !clause.endsWith(")")
        || !enclosed(clause)) {
      return List.of();
    }
    List<String> pieces = pieces(clause.substring(1, clause.length() - 1));
    List<QueryPart> out = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      String piece = pieces.get(i);
      boolean joiner = i % 2 == 1;
      if (joiner != piece.equals("OR")
          || (!joiner
              && (NEGATIONS.contains(piece) || piece.startsWith("-") || piece.startsWith("+")))) {
        return List.of();
      }
      if (!joiner) {
        try {
          out.add(new QueryPart(piece, null, SubscriptionQuery.parseLucene(piece)));
        } catch (IllegalArgumentException e) {
          return List.of();
        }
      }
    }
    return out.size() > 1 ? out : List.of();
  }

  /** The clauses that are not excluded, in order. */
  static List<String> clauses(String query) {
    List<String> out = new ArrayList<>();
    boolean negated = false;
    for (String piece : pieces(query)) {
      if (JOINERS.contains(piece)) {
        continue;
      }
      if (NEGATIONS.contains(piece)) {
        negated = true;
        continue;
      }
      if (!negated && !piece.startsWith("-") && !piece.startsWith("!")) {
        out.add(piece);
      }
      negated = false;
    }
    return out;
  }

  /**
   * The text split at white space outside quotes and parentheses; a backslash escapes the next
   * character.
   */
  private static List<String> pieces(String query) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    int depth = 0;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\\' && i + 1 < query.length()) {
        current.append(c).append(query.charAt(++i));
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (!quoted && depth == 0 && Character.isWhitespace(c)) {
        if (!current.isEmpty()) {
          out.add(current.toString());
          current.setLength(0);
        }
        continue;
      }
      current.append(c);
    }
    if (!current.isEmpty()) {
      out.add(current.toString());
    }
    return out;
  }

  /** Whether the opening parenthesis at 0 closes only at the end (not {@code (a) OR (b)}). */
  private static boolean enclosed(String group) {
    boolean quoted = false;
    int depth = 0;
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth == 0) {
        return i == group.length() - 1;
      }
    }
    return false;
  }
}
