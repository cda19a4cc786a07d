package org.newswatch.common.places;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaceResolverTest {
  private final PlaceResolver resolver = PlaceResolver.bundled();

  private List<String> ids(String text) {
    return resolver.places(text).stream().map(Place::id).toList();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("one place across scripts, spellings and letter variants")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Militants attack FC post in Panjgur                      | pk-panjgur
      Gunmen in Panjgoor fired on a checkpost                  | pk-panjgur
      پنجگور میں ایف سی کی چوکی پر حملہ                         | pk-panjgur
      حمله به پاسگاه در زاهدان                                   | ir-zahedan
      زاہدان میں فائرنگ                                          | ir-zahedan
      زَاهِدان                                                    | ir-zahedan
      كيچ میں دھماکہ                                             | pk-kech
      بندر چاب\u200Cهار                                            | ir-chabahar
      چابہار کی بندرگاہ                                          | ir-chabahar
      Trade through Chābahār and Chah Bahar                      | ir-chabahar
      پنجـگور                                                     | pk-panjgur
      Quetta's police chief                                      | pk-quetta
      کوئٹہ میں بارش                                             | pk-quetta
      Mirjave crossing reopened                                  | ir-mirjaveh
      میرجاوہ                                                    | ir-mirjaveh
      Trucks wait at Nok Kundi                                   | pk-nokkundi
      Chaghi district and Washuk district                        | pk-chagai pk-washuk
      چاغی اور واشک                                              | pk-chagai pk-washuk
      Awaran, Gwadar and Kech                                    | pk-awaran pk-gwadar pk-kech
      آواران، گوادر اور کیچ                                      | pk-awaran pk-gwadar pk-kech
      Saravan and Rask in Sistan and Baluchestan                 | ir-saravan ir-rask ir-sistan-baluchestan
      Sistan-Baluchestan province                                | ir-sistan-baluchestan
      استان سیستان و بلوچستان                                     | ir-sistan-baluchestan
      سراوان و راسک                                              | ir-saravan ir-rask
      Taftan and Torkham closed; Chaman open                     | pk-taftan pk-torkham pk-chaman
      تفتان، طورخم                                               | pk-taftan pk-torkham
      Angoor Adda and Kharlachi crossings                        | pk-angoor-adda pk-kharlachi
      Across from Spin Boldak                                    | af-spin-boldak
      Balochistan's capital                                      | pk-balochistan
      Gunmen in Tump and Hoshab                                  | pk-tump pk-hoshab
      تمپ اور ہوشاب میں فائرنگ                                     | pk-tump pk-hoshab
      Fishermen of Pasni and Ormara                              | pk-pasni pk-ormara
      اورماڑہ کے ماہی گیر                                         | pk-ormara
      Levies post in Nushki                                      | pk-nushki
      نوشکی میں دھماکہ                                            | pk-nushki
      Qila Abdullah, Killa Saifullah and Zhob                     | pk-killa-abdullah pk-killa-saifullah pk-zhob
      Jaleq in Saravan county                                    | ir-jaleq ir-saravan
      زابل و زهک                                                 | ir-zabol ir-zahak
      شهرستان سیب و سوران و مهرستان                               | ir-sib-suran ir-mehrestan
      Negur in Dashtiari county                                  | ir-negur ir-dashtiari
      بازارچه مرزی ریمدان                                        | ir-rimdan
      Gabd-Rimdan crossing                                       | pk-gabd
      گبد ریمدان سرحد                                             | pk-gabd ir-rimdan
      Dasht area of Kech                                         | pk-dasht pk-kech
      """)
  void resolvesAcrossScriptsAndSpellings(String text, String expected) {
    assertEquals(List.of(expected.split(" ")), ids(text));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("words that contain or resemble a name, and unknown places, resolve to nothing")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Raskolnikov read the Kechua grammar
      Karachi and Lahore
      Sistan
      The Iranian province of Sistan
      """)
  void resolvesNothingForLookAlikes(String text) {
    assertEquals(List.of(), ids(text));
  }

  @Test
  @DisplayName("Pishin: Pakistan's district with a Pakistani cue, Iran's town with an Iranian one")
  void pishinFollowsItsCue() {
    assertEquals(
        List.of("pk-pishin", "pk-quetta"), ids("Levies were attacked in Pishin, north of Quetta."));
    assertEquals(
        List.of("ir-pishin", "ir-sistan-baluchestan"),
        ids("Border guards were killed in Pishin in Sistan and Baluchestan."));
    assertEquals(List.of("ir-pishin", "ir-sarbaz"), ids("درگیری در پشین در شهرستان سرباز"));
  }

  @Test
  @DisplayName("hostile: Pishin with no cue, or with cues for both, is left out")
  void pishinWithoutOrWithBothCuesResolvesToNothing() {
    assertEquals(List.of(), ids("An attack in Pishin killed two."));
    assertEquals(
        List.of("pk-quetta", "ir-zahedan"), ids("From Quetta to Pishin and on to Zahedan."));
  }

  @Test
  @DisplayName("Pishin: another paragraph's certain place decides when the sentence does not")
  void pishinTakesTheTextsOtherPlaces() {
    assertEquals(
        List.of("pk-quetta", "pk-pishin"),
        ids("Curfew in Quetta.\n\nIn Pishin, shops stayed shut."));
    assertEquals(
        List.of("pk-quetta", "ir-zahedan"),
        ids("Quetta.\n\nZahedan.\n\nIn Pishin, shops stayed shut."));
  }

  @Test
  @DisplayName("Mand: the town with a cue; alone, or the Urdu suffix مند, nothing")
  void mandNeedsACue() {
    assertEquals(List.of("pk-mand", "pk-kech"), ids("Mand town in Kech district"));
    assertEquals(List.of("pk-mand", "ir-pishin"), ids("The Mand-Pishin crossing reopened."));
    assertEquals(List.of(), ids("Mand said the meeting was over."));
    // Hostile: صحت مند / ضرورت مند ("healthy", "needy") are everyday Urdu; Kech is named, but in
    // another paragraph.
    assertEquals(List.of("pk-kech"), ids("ضلع کیچ میں امداد\n\nضرورت مند افراد اور صحت مند بچے"));
    assertEquals(List.of("pk-kech"), ids("ضلع كيچ میں ضرورت مند خاندانوں کو امداد دی گئی"));
    assertEquals(List.of("pk-mand"), ids("تحصیل مند میں فائرنگ"));
  }

  @Test
  @DisplayName(
      "Persian سرباز is 'soldier' unless a county is meant; Urdu چمن is 'meadow' unless the border is")
  void commonWordsNeedACue() {
    assertEquals(List.of(), ids("یک سرباز ارتش در این حادثه زخمی شد"));
    // Hostile: the province named right after the soldier is no evidence for Sarbaz county.
    assertEquals(
        List.of("ir-sistan-baluchestan"), ids("یک سرباز زخمی شد. استان سیستان و بلوچستان"));
    assertEquals(List.of("ir-sarbaz"), ids("در شهرستان سرباز"));
    assertEquals(List.of(), ids("باغ کا چمن سبز ہے"));
    assertEquals(List.of("pk-chaman"), ids("چمن بارڈر پر تجارت بحال"));
    assertEquals(List.of("pk-chaman"), ids("Chaman"));
  }

  @Test
  @DisplayName("Ghulam Khan is a crossing only next to border words, else a man's name")
  void ghulamKhanNeedsABorderCue() {
    assertEquals(List.of(), ids("Ghulam Khan, a shopkeeper, said prices rose."));
    assertEquals(
        List.of("pk-ghulam-khan"), ids("Trade through the Ghulam Khan border crossing resumed."));
  }

  @Test
  void titleAndBodyGiveDistinctPlacesInOrderOfFirstMention() {
    List<Place> places =
        resolver.places("Attack in Panjgur", "Panjgur and Kech, then Panjgur again; Gwadar.");
    assertEquals(
        List.of("pk-panjgur", "pk-kech", "pk-gwadar"), places.stream().map(Place::id).toList());
  }

  @Test
  void mentionsGiveOffsetsIntoTheText() {
    String text = "Two FC men died in Sistan-Baluchestan and in پنجگور.";
    List<PlaceMention> mentions = resolver.mentions(text);
    assertEquals(
        List.of("Sistan-Baluchestan", "پنجگور"),
        mentions.stream().map(m -> text.substring(m.start(), m.end())).toList());
  }

  @Test
  @DisplayName(
      "hostile: a body-sized text (260,000 characters) naming Pishin and Quetta 18,000 times each")
  void manyAmbiguousNamesAmongManyCuesResolve() {
    // Each Pishin looks for its cues only among the mentions in its window, not the whole text.
    String text = "Quetta Pishin. ".repeat(18_000);
    assertEquals(List.of("pk-quetta", "pk-pishin"), ids(text));
    assertEquals(36_000, resolver.mentions(text).size());
  }

  @Test
  @DisplayName("hostile: null, empty and punctuation-only texts")
  void emptyTextsHaveNoPlaces() {
    assertEquals(List.of(), resolver.places(null, null));
    assertEquals(List.of(), ids(""));
    assertEquals(List.of(), ids("،؛ — !!! \u200C\u200B"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("a road's name places nothing when the text names a place otherwise")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Gunmen blocked the Quetta-Taftan highway near Nushki             | pk-nushki
      نوشکی کے قریب کوئٹہ تفتان شاہراہ پر ناکہ بندی                        | pk-nushki
      حمله در محور زاهدان-خاش نزدیک میرجاوه                                | ir-mirjaveh
      Blast on the Quetta-Taftan highway; the injured taken to Quetta  | pk-quetta
      A bus overturned on the Zahedan-Mirjaveh road in Iran             | ir-zahedan ir-mirjaveh
      A bus overturned on the Zahedan-Mirjaveh road in Balochistan      | ir-zahedan ir-mirjaveh pk-balochistan
      Sariab Road in Quetta                                             | pk-quetta
      Turbat, road blocked by protesters in Gwadar                      | pk-turbat pk-gwadar
      """)
  void roadNamesDoNotPlaceAnEventThatIsPlacedOtherwise(String text, String expected) {
    assertEquals(List.of(expected.split(" ")), ids(text));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("Dasht is a Kech tehsil only with a cue; دشت is also a plain or desert")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Dasht-e Lut is the hottest desert
      دشت لوت
      در این دشت باران بارید
      """)
  void dashtNeedsACue(String text) {
    assertEquals(List.of(), ids(text));
  }
}
