package org.newswatch.common.places;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A place Newswatch tags articles with. The id ({@code pk-panjgur}) is stable: it is what articles
 * carry, what {@code place:} searches and what story linking compares. Coordinates are approximate
 * (see {@code places.json}): good for a dot on an overview map.
 *
 * @param id stable id, the ISO country code in lower case, a hyphen, the name in ASCII
 * @param name the canonical English name
 * @param kind district, town, crossing or region
 * @param country ISO 3166-1 alpha-2 code in upper case ({@code PK}, {@code IR}, {@code AF})
 * @param lat latitude in degrees north, approximate
 * @param lon longitude in degrees east, approximate
 */
public record Place(
    String id, String name, PlaceKind kind, String country, double lat, double lon) {
  private static final Pattern ID = Pattern.compile("[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*");

  public Place {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("place id must look like pk-panjgur, was " + id);
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("place " + id + ": name must not be blank");
    }
    Objects.requireNonNull(kind, "kind");
    if (country == null || !country.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException(
          "place " + id + ": country must be a two-letter code, was " + country);
    }
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException(
          "place " + id + ": coordinates out of range: " + lat + ", " + lon);
    }
  }
}
