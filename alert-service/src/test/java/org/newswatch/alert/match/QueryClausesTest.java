package org.newswatch.alert.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryClausesTest {
  /**
   * Hostile shapes tried: operators inside quotes and groups, escaped quotes and parentheses, NOT
   * and !, a lone operator.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      panjgur                                        | panjgur
      border attack                                  | border ; attack
      kech OR panjgur                                | kech ; panjgur
      +(kech OR panjgur) +(attack OR gunmen) -cricket | +(kech OR panjgur) ; +(attack OR gunmen)
      (gunmen OR soldiers OR cricket)                | gunmen ; soldiers ; cricket
      (a OR b) AND (c OR d)                          | (a OR b) ; (c OR d)
      "border OR guards" NOT cricket                 | "border OR guards"
      "a (b" c                                       | "a (b" ; c
      a\\ b !c                                       | a\\ b
      title:(kech OR panjgur)^2 body:"b c"~3         | title:(kech OR panjgur)^2 ; body:"b c"~3
      AND                                            | ''
      """)
  void splitsAtTopLevelAndLeavesOutExcludedClauses(String query, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(" ; "));
    assertEquals(want, QueryClauses.of(query).stream().map(QueryPart::text).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      +(kech OR panjgur OR "border guards") +attack | 3
      (a b)                                 | 0
      +(a OR -b)                            | 0
      +(a OR b) OR (c)                      | 2
      """)
  void keepsTheAlternativesOfAnOrGroup(String query, int alternatives) {
    assertEquals(alternatives, QueryClauses.of(query).get(0).alternatives().size());
  }
}
