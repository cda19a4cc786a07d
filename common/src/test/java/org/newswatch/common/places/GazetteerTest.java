package org.newswatch.common.places;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GazetteerTest {
  private final Gazetteer gazetteer = Gazetteer.bundled();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pk-kech",
        "pk-panjgur",
        "pk-gwadar",
        "pk-chagai",
        "pk-washuk",
        "pk-awaran",
        "pk-quetta",
        "ir-saravan",
        "ir-zahedan",
        "ir-chabahar",
        "ir-mirjaveh",
        "ir-rask",
        "pk-taftan",
        "pk-chaman",
        "pk-torkham"
      })
  void holdsEveryPlaceTheIssueNamesWithCoordinatesInTheBorderRegion(String id) {
    Place place = gazetteer.byId(id).orElseThrow();
    // The region drawn on the map: 24–35° N, 60–72° E.
    assertTrue(
        place.lat() > 24 && place.lat() < 35 && place.lon() > 60 && place.lon() < 72,
        place.toString());
  }

  @Test
  void everyPlaceLiesInTheRegionTheMapDraws() {
    for (Place place : gazetteer.places()) {
      assertTrue(
          place.lat() > 24 && place.lat() < 35 && place.lon() > 60 && place.lon() < 72,
          place.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"panjgur", "Panjgur", "Panjgoor", "پنجگور", "pk-panjgur", " PK-Panjgur "})
  void looksUpANameInAnyScriptOrTheId(String name) {
    assertEquals(List.of("pk-panjgur"), gazetteer.lookup(name).stream().map(Place::id).toList());
  }

  @Test
  void looksUpTheCanonicalNameOfAProvinceAndBothReadingsOfAnAmbiguousName() {
    assertEquals(
        "ir-sistan-baluchestan", gazetteer.lookup("Sistan and Baluchestan").getFirst().id());
    assertEquals(
        List.of("pk-pishin", "ir-pishin"),
        gazetteer.lookup("pishin").stream().map(Place::id).toList());
    assertEquals(List.of(), gazetteer.lookup("Karachi"));
    assertEquals(List.of(), gazetteer.lookup(""));
  }

  @Test
  void refusesANameTwoPlacesShareUnlessBothDeclareItAmbiguous() {
    var a =
        new Gazetteer.Entry(
            "pk-a", "A", PlaceKind.TOWN, "PK", 25, 62, List.of("Alpha"), null, null);
    var b =
        new Gazetteer.Entry(
            "ir-b", "B", PlaceKind.TOWN, "IR", 25, 61, List.of("alpha"), null, null);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Gazetteer.of(new Gazetteer.PlaceFile(List.of(), List.of(a, b))));
    assertTrue(e.getMessage().contains("contextNames"), e.getMessage());
  }

  @Test
  void refusesAContextCueNamingAnUnknownPlace() {
    var a =
        new Gazetteer.Entry(
            "pk-a",
            "A",
            PlaceKind.TOWN,
            "PK",
            25,
            62,
            null,
            List.of("Alpha"),
            List.of("place:pk-nowhere"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Gazetteer.of(new Gazetteer.PlaceFile(List.of(), List.of(a))));
  }
}
