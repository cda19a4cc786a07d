package org.newswatch.ingest.story;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswatch.common.model.Article;

class SignalReaderTest {
  static final SignalReader READER = SignalReader.bundled();
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  static EventSignals read(String language, String title, String body) {
    return READER.read(LabelledEvents.article("a1", language, "test", title, body, T, T));
  }

  int group(String id) {
    return READER.groupCode(id).orElseThrow();
  }

  int place(String id) {
    return READER.placeCode(id).orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Jaish al-Adl claimed the attack                     | en | jaish-al-adl",
        "Jaish-ul-Adl militants                               | en | jaish-al-adl",
        "گروهک جیش‌العدل مسئولیت را پذیرفت                   | fa | jaish-al-adl",
        // Arabic yeh (U+064A) as an Arabic keyboard or code page writes it.
        "جيش العدل تبنى الهجوم                                | ar | jaish-al-adl",
        "گروهک تروریستی جیش الظلم                             | fa | jaish-al-adl",
        "The Balochistan Liberation Army said                | en | bla",
        "کالعدم بلوچ لبریشن آرمی نے ذمہ داری قبول کی          | ur | bla",
        "کالعدم بی ایل اے                                    | ur | bla",
        "ارتش آزادی‌بخش بلوچستان مسئولیت حمله را پذیرفت       | fa | bla",
        "بلوچستان لبریشن فرنٹ نے ذمہ داری قبول کر لی          | ur | blf",
        // Urdu outlets often write only the letters of an abbreviation.
        "کالعدم ٹی ٹی پی نے ذمہ داری قبول کی ہے              | ur | ttp",
        "The TTP claimed the attack                           | en | ttp",
        "کالعدم بی این اے                                    | ur | bna",
      })
  void armedGroupsAreFoundInEveryScript(String text, String language, String id) {
    assertArrayEquals(new int[] {group(id)}, read(language, text, "").armed(), text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Frontier Corps personnel were martyred   | en | fc",
        "ایف سی کے قافلے پر حملہ                   | ur | fc",
        "the IRGC ground force said                | en | irgc",
        "نیروی زمینی سپاه پاسداران                 | fa | irgc",
        "شلیک مرزبانان در سراوان                   | fa | iran-border-guards",
      })
  void securityForcesAreFoundAndKeptApartFromArmedGroups(String text, String language, String id) {
    EventSignals s = read(language, text, "");
    assertArrayEquals(new int[] {group(id)}, s.forces(), text);
    assertEquals(0, s.armed().length);
  }

  @Test
  void placesAcrossScriptsGiveOneCodeAndATownItsDistrict() {
    EventSignals en = read("en", "Attack near Turbat", "");
    EventSignals ur = read("ur", "تربت کے قریب حملہ", "");
    EventSignals fa = read("fa", "حمله در نزدیکی تربت", "");
    assertArrayEquals(en.places(), ur.places());
    assertArrayEquals(en.places(), fa.places());
    assertTrue(java.util.Arrays.stream(en.places()).anyMatch(c -> c == place("pk-turbat")));
    assertTrue(
        java.util.Arrays.stream(en.places()).anyMatch(c -> c == place("pk-kech")),
        "Turbat lies in Kech");
  }

  @Test
  void aProvinceIsARegionNotAPlaceToIndexBy() {
    EventSignals s = read("en", "Seven killed in Balochistan", "");
    assertEquals(0, s.places().length);
    assertArrayEquals(new int[] {place("pk-balochistan")}, s.regions());
    assertEquals(0, s.keys(READER.placeCodes(), READER.partyOffset()).length);
  }

  @Test
  void placesTaggedAtIngestAreUsedAsGiven() {
    Article tagged =
        LabelledEvents.article("a2", "en", "test", "No place named here", "", T, T)
            .withPlaces(List.of("ir-saravan"));
    assertArrayEquals(new int[] {place("ir-saravan")}, READER.read(tagged).places());
  }

  @Test
  void kindsOfEventMeetAcrossLanguages() {
    int violence = READER.kindBit("violence");
    int disaster = READER.kindBit("disaster");
    assertEquals(violence, read("en", "Blast in market", "").kinds());
    assertEquals(violence, read("ur", "بازار میں دھماکہ", "").kinds());
    assertEquals(violence, read("fa", "انفجار در بازار", "").kinds());
    assertEquals(disaster, read("ur", "طوفانی بارشوں کے بعد سیلاب", "").kinds());
    assertEquals(disaster, read("fa", "سیل و باران در خاش", "").kinds());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // A trade word first, the bombing only as the cause of the shutdown.
        "Turbat traders shut shops against new checkposts after convoy bombing | en | true",
        "تربت: بم دھماکے کے خلاف تاجروں کی شٹر ڈاؤن ہڑتال                   | ur | true",
        "در پی حمله تروریستی، بازاریان خاش اعتصاب کردند                       | fa | true",
        "Quetta observes day of mourning after bazaar blast                   | en | true",
        // A funeral names the attack its dead fell in: the funeral is the event.
        "Funeral prayers of five FC men martyred in Buleda blast offered       | en | true",
        "بلیدہ دھماکے کے شہداء کی نماز جنازہ تربت میں ادا                      | ur | true",
        "تشییع پیکر شهدای حمله تروریستی در سراوان                             | fa | true",
        // Reports of the attack: the violence is in the main clause.
        "Gunmen attack protest camp in Turbat                                 | en | false",
        "Blast kills five after traders' rally in Quetta                      | en | false",
        "کوئٹہ میں دھماکہ، احتجاج کے دوران پانچ افراد ہلاک                     | ur | false",
      })
  void aReactionToAnAttackIsAProtestNotViolence(String title, String language, boolean reaction) {
    EventSignals s = read(language, title, "");
    assertEquals(!reaction, (s.kinds() & READER.kindBit("violence")) != 0, title);
    assertTrue((s.kinds() & (READER.kindBit("protest") | READER.kindBit("funeral"))) != 0, title);
    assertEquals(reaction, s.reaction(), title);
  }

  @Test
  void aDeathSentenceAndAnExecutionAreOneKind() {
    int execution = READER.kindBit("execution");
    assertEquals(execution, read("en", "Court sentences two men to death", "").kinds());
    assertEquals(execution, read("fa", "حکم اعدام دو نفر صادر شد", "").kinds());
    assertEquals(execution, read("ur", "دو افراد کو سزائے موت", "").kinds());
  }

  @Test
  void aNameTwoPlacesShareInTheLeadResolvesWithTheWholeTextsCues() {
    // Pishin is a Pakistani district and an Iranian town; only the second sentence names
    // Balochistan.
    EventSignals s =
        read(
            "ur",
            "پشین: پولیو ٹیم کی حفاظت پر مامور پولیس اہلکار فائرنگ سے شہید",
            "ضلع پشین کے علاقے حرمزئی میں پولیس اہلکار کو فائرنگ کرکے شہید کردیا گیا۔ وزیراعلیٰ"
                + " بلوچستان نے واقعے کی مذمت کی۔");
    int pishin = place("pk-pishin");
    assertArrayEquals(new int[] {pishin}, s.leadPlaces());
    assertArrayEquals(new int[] {pishin}, s.leadDistricts());
  }

  @Test
  void aDistrictCountsAsNamedInTheLeadOnlyWhenTheTitleOrFirstParagraphNamesIt() {
    EventSignals inTitle = read("en", "Residents protest power cuts in Awaran", "Roads blocked.");
    EventSignals inFirstParagraph =
        read("ur", "بجلی کی بندش کے خلاف احتجاج", "آواران میں شہریوں نے احتجاج کیا۔");
    EventSignals onlyLater =
        read("en", "Residents protest power cuts", "Roads were blocked.\n\nIn Awaran too.");
    EventSignals throughATown = read("en", "Protest in Turbat", "Shops shut in Turbat.");
    int awaran = place("pk-awaran");
    assertArrayEquals(new int[] {awaran}, inTitle.leadDistricts());
    assertArrayEquals(new int[] {awaran}, inFirstParagraph.leadDistricts());
    assertEquals(0, onlyLater.leadDistricts().length);
    assertEquals(0, throughATown.leadDistricts().length, "Kech only as Turbat's district");
    assertTrue(java.util.Arrays.stream(throughATown.places()).anyMatch(c -> c == place("pk-kech")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Police step up checks on highway after a series of robberies | | en | true",
        "Robberies on the highway | Analysts say the trend will continue. | en | true",
        "Robbery on the highway | Two men robbed a bus on Monday. | en | false",
        // A meeting that agrees to step up patrols is one event, not a trend.
        "Border officials meet at Taftan | They agreed to step up coordinated patrolling. | en | false",
        "Robbery on the highway | Two men robbed a bus.\\n\\nIn recent weeks there were more. | en | false",
        "شاہراہ پر ڈکیتیاں | حالیہ ہفتوں میں کئی وارداتیں ہوئیں۔ | ur | true",
        "سرقت در جاده | در هفته‌های اخیر چند سرقت رخ داده است. | fa | true",
        "سرقت در جاده | دو مرد روز دوشنبه یک اتوبوس را زدند. | fa | false",
      })
  void aBackgroundPieceIsToldByItsLead(String title, String body, String language, boolean bg) {
    String text = body == null ? "" : body.replace("\\n", "\n");
    assertEquals(bg, read(language, title, text).background(), title + " / " + text);
  }

  @Test
  void aPublishedTimeFarAfterFetchingIsNotTrusted() {
    Instant fetched = T;
    Article future =
        LabelledEvents.article(
            "a3", "en", "test", "x", "", fetched.plusSeconds(30L * 86_400), fetched);
    assertEquals(fetched.getEpochSecond(), SignalReader.eventTime(future));
    Article fine =
        LabelledEvents.article("a4", "en", "test", "x", "", fetched.minusSeconds(3_600), fetched);
    assertEquals(fetched.getEpochSecond() - 3_600, SignalReader.eventTime(fine));
  }

  @Test
  void onlyTheLeadIsReadForGroupsAndCounts() {
    String padding = "word ".repeat(SignalReader.MAX_CHARS / 5);
    EventSignals s = read("en", "A report", padding + " Jaish al-Adl killed 17");
    assertEquals(0, s.armed().length);
    assertEquals(0, s.numbers().length);
  }
}
