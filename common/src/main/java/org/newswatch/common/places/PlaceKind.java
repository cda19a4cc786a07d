package org.newswatch.common.places;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a place is: written in JSON and the data file in lower case ({@code "crossing"}). */
public enum PlaceKind {
  /** A district (Pakistan) or county, shahrestan (Iran). */
  DISTRICT,
  /** A city or town. */
  TOWN,
  /** A border crossing, or the town that is one. */
  CROSSING,
  /** A province or wider region. */
  REGION;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static PlaceKind of(String label) {
    return valueOf(label.strip().toUpperCase(Locale.ROOT));
  }
}
