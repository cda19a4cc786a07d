package org.newswatch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
  record Channel(String type, String url) {}

  record Request(
      String name,
      List<String> languages,
      Boolean alertEachMember,
      Channel channel,
      List<Channel> channels) {}

  private static String refusal(String body) {
    return assertThrows(
            IllegalArgumentException.class, () -> RequestBodies.read(body, Request.class))
        .getMessage();
  }

  @Test
  void readsABodyWithTheRecordsFields() {
    Request r =
        RequestBodies.read(
            "{\"name\":\"n\",\"languages\":[\"ur\"],\"channels\":[{\"type\":\"webhook\",\"url\":\"u\"}]}",
            Request.class);
    assertEquals("n", r.name());
    assertEquals(List.of("ur"), r.languages());
    assertEquals("u", r.channels().get(0).url());
  }

  @Test
  void aMisspeltFieldIsRefusedNamingTheFieldItLooksLike() {
    assertEquals(
        "unknown field 'languges' (did you mean languages?); the body takes name, languages,"
            + " alertEachMember, channel, channels",
        refusal("{\"name\":\"n\",\"languges\":[\"ur\"]}"));
    assertTrue(refusal("{\"alertEachmember\":true}").contains("did you mean alertEachMember?"));
    assertTrue(refusal("{\"Name\":\"n\"}").contains("did you mean name?"));
    assertTrue(refusal("{\"langauges\":[]}").contains("did you mean languages?"), "a swap");
  }

  @Test
  void aMisspeltFieldInsideANestedObjectOrListIsRefusedWithItsPath() {
    assertTrue(
        refusal("{\"channel\":{\"type\":\"webhook\",\"ulr\":\"u\"}}")
            .startsWith("unknown field 'channel.ulr' (did you mean channel.url?)"));
    assertTrue(
        refusal("{\"channels\":[{\"type\":\"webhook\",\"url\":\"u\"},{\"tpye\":\"atom\"}]}")
            .startsWith("unknown field 'channels[1].tpye' (did you mean channels[1].type?)"));
  }

  @Test
  void aFieldUnlikeAnyOfTheRecordsIsIgnoredSoThatWhatWasReadCanBeSentBack() {
    Request r =
        RequestBodies.read(
            "{\"name\":\"n\",\"precision\":{\"value\":0.8},\"feedToken\":\"t\",\"owner\":\"a\"}",
            Request.class);
    assertEquals("n", r.name());
  }

  @Test
  void anEmptyOrMalformedBodyIsRefusedSayingSo() {
    assertEquals("the request needs a JSON body", refusal("  "));
    assertTrue(refusal("{not json").startsWith("not a valid Request"));
    assertTrue(refusal("null").startsWith("not a valid Request"));
  }

  @Test
  void looksLikeAllowsOneSlipInShortNamesAndTwoInLongerOnes() {
    assertTrue(RequestBodies.looksLike("nmae", "name"));
    assertFalse(RequestBodies.looksLike("note", "name"), "two edits in a four-letter name");
    assertTrue(RequestBodies.looksLike("sourcse", "sources"));
    assertFalse(RequestBodies.looksLike("id", "to"));
  }
}
