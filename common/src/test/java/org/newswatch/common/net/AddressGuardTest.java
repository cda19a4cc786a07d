package org.newswatch.common.net;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard's rules, for feeds, pages, hubs and webhooks alike. */
class AddressGuardTest {
  private final AddressGuard guard = new AddressGuard(false);

  @ParameterizedTest(name = "{0} internal={1}")
  @CsvSource({
    "127.0.0.1,true", "127.8.9.10,true", "10.1.2.3,true", "172.16.0.1,true", "172.31.255.255,true",
    "192.168.1.1,true", "169.254.169.254,true", "100.64.0.1,true", "0.0.0.0,true", "224.0.0.1,true",
    "255.255.255.255,true", "::1,true", "fe80::1,true", "fd00:ec2::254,true",
        "::ffff:10.0.0.1,true",
    "8.8.8.8,false", "172.32.0.1,false", "100.128.0.1,false", "2606:4700:4700::1111,false",
        "93.184.216.34,false"
  })
  void classifiesAddresses(String literal, boolean internal) throws Exception {
    assertEquals(internal, InternalAddresses.isInternal(InetAddress.getByName(literal)));
  }

  /**
   * Hostile input: internal targets by address and by name, other schemes, credentials in the URL.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook", "http://localhost:8080/", "http://10.1.2.3/",
            "http://192.168.0.10/", "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[fd00::1]/",
            "http://100.64.0.1/", "http://0.0.0.0/",
        "ftp://example.org/", "file:///etc/passwd", "http://user:pw@example.org/", "http:/no-host"
      })
  void refusesInternalAndOddTargets(String url) {
    assertThrows(AddressGuard.RefusedException.class, () -> guard.check(URI.create(url)));
    assertThrows(AddressGuard.RefusedException.class, () -> guard.pin(URI.create(url)).close());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://8.8.8.8/hook", "https://1.1.1.1/x", "https://[2606:4700:4700::1111]/"})
  void acceptsPublicAddresses(String url) {
    assertDoesNotThrow(() -> guard.check(URI.create(url)));
    assertDoesNotThrow(() -> guard.pin(URI.create(url)).close());
  }

  @Test
  void refusalNamesTheHostTheAddressAndTheSwitch() {
    AddressGuard.RefusedException e =
        assertThrows(
            AddressGuard.RefusedException.class,
            () -> guard.check(URI.create("http://127.0.0.1:9/feed.xml")));
    assertTrue(e.getMessage().contains("127.0.0.1, an internal address"), e.getMessage());
    assertTrue(e.getMessage().contains("NEWSWATCH_ALLOW_PRIVATE_FEEDS"), e.getMessage());
  }

  @Test
  void allowsPrivateTargetsWhenToldAndPinsNothing() throws Exception {
    AddressGuard open = new AddressGuard(true);
    open.check(URI.create("http://127.0.0.1:9/feed.xml"));
    try (AddressGuard.Pin pin = open.pin(URI.create("http://localhost:9/feed.xml"))) {
      assertEquals("", pin.where(), "nothing pinned");
      assertTrue(PinnedHosts.JVM.open("localhost").isEmpty());
    }
  }

  @Test
  void reportsAnUnresolvableNameAsSuch() {
    assertThrows(
        UnknownHostException.class,
        () -> guard.check(URI.create("http://no-such-host.invalid/feed.xml")));
    assertThrows(
        UnknownHostException.class,
        () -> guard.pin(URI.create("http://no-such-host.invalid/feed.xml")));
    assertTrue(
        PinnedHosts.JVM.open("no-such-host.invalid").isEmpty(),
        "a failed pin leaves nothing behind");
  }

  @Test
  void thisJvmResolvesThroughThePinningResolver() {
    assertTrue(PinningResolverProvider.installed(), "common's META-INF/services entry was found");
  }
}
