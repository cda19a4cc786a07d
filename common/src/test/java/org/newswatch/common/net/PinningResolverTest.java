package org.newswatch.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The resolver's rule for names with an open pin, over a name server the test sets answer by
 * answer. Hostile input: a name that turns internal (loopback, metadata service) or stops answering
 * while a guarded request to it is open.
 */
class PinningResolverTest {
  private static final LookupPolicy ANY = LookupPolicy.of(LookupPolicy.IPV4 | LookupPolicy.IPV6);

  private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
  private final PinnedHosts pins = new PinnedHosts();
  private final PinningResolver resolver =
      new PinningResolver(
          new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
                throws UnknownHostException {
              List<InetAddress> a = answers.get(host);
              if (a == null) {
                throw new UnknownHostException(host);
              }
              return a.stream();
            }

            @Override
            public String lookupByAddress(byte[] address) {
              return "reverse.example";
            }
          },
          pins);

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private List<InetAddress> lookup(String host) throws UnknownHostException {
    return resolver.lookupByName(host, ANY).toList();
  }

  private AddressGuard.Pin pin(String host, String... checked) {
    AddressGuard.Pin pin =
        new AddressGuard.Pin(host, Stream.of(checked).map(PinningResolverTest::ip).toList(), pins);
    pins.open(pin);
    return pin;
  }

  @Test
  void aNameWithoutAnOpenPinGetsTheNameServersAnswerWhateverItIs() throws Exception {
    answers.put("kafka.internal", List.of(ip("10.0.0.5")));
    assertEquals(List.of(ip("10.0.0.5")), lookup("kafka.internal"));
  }

  @Test
  void aPinnedNameThatTurnsInternalGetsTheCheckedAddressAndThePinSaysSo() throws Exception {
    try (AddressGuard.Pin pin = pin("feeds.example", "203.0.113.7")) {
      answers.put("feeds.example", List.of(ip("203.0.113.9"), ip("169.254.169.254")));
      assertEquals(List.of(ip("203.0.113.7")), lookup("feeds.example"));
      assertTrue(pin.where().contains("turned to 169.254.169.254"), pin.where());
    }
    assertEquals(
        List.of(ip("203.0.113.9"), ip("169.254.169.254")),
        lookup("feeds.example"),
        "closed: back to the name server");
  }

  @Test
  void aPinnedNameWithAFreshPublicAnswerGetsIt() throws Exception {
    try (AddressGuard.Pin pin = pin("feeds.example", "203.0.113.7")) {
      answers.put("feeds.example", List.of(ip("198.51.100.3")));
      assertEquals(
          List.of(ip("198.51.100.3")),
          lookup("feeds.example"),
          "a move to another public address is not an attack");
      assertTrue(!pin.where().contains("turned"), pin.where());
    }
  }

  @Test
  void aPinnedNameWhoseNameServerFailsGetsTheCheckedAddress() throws Exception {
    try (AddressGuard.Pin pin = pin("Feeds.Example", "203.0.113.7")) {
      assertEquals(
          List.of(ip("203.0.113.7")),
          lookup("feeds.example"),
          "names match without regard to case");
    }
  }

  @Test
  void concurrentRequestsToOneNameShareTheirCheckedAddressesUntilTheLastCloses() throws Exception {
    answers.put("hooks.example", List.of(ip("127.0.0.1")));
    AddressGuard.Pin first = pin("hooks.example", "203.0.113.7");
    AddressGuard.Pin second = pin("hooks.example", "203.0.113.8", "2001:db8::8");
    assertEquals(
        List.of(ip("203.0.113.8"), ip("2001:db8::8"), ip("203.0.113.7")),
        lookup("hooks.example"),
        "newest first");
    assertEquals(
        List.of(ip("2001:db8::8")),
        resolver.lookupByName("hooks.example", LookupPolicy.of(LookupPolicy.IPV6)).toList(),
        "only the family asked for");
    second.close();
    assertEquals(List.of(ip("203.0.113.7")), lookup("hooks.example"));
    first.close();
    first.close();
    assertEquals(List.of(ip("127.0.0.1")), lookup("hooks.example"));
  }

  @Test
  void reverseLookupsGoToTheNameServer() throws Exception {
    assertEquals("reverse.example", resolver.lookupByAddress(new byte[] {8, 8, 8, 8}));
  }
}
