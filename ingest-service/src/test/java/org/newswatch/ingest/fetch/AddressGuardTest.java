package org.newswatch.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressGuardTest {

  @ParameterizedTest(name = "{0} internal={1}")
  @CsvSource({
      "127.0.0.1,true", "127.8.9.10,true", "10.1.2.3,true", "172.16.0.1,true", "172.31.255.255,true",
      "192.168.1.1,true", "169.254.169.254,true", "100.64.0.1,true", "0.0.0.0,true", "224.0.0.1,true",
      "255.255.255.255,true", "::1,true", "fe80::1,true", "fd00:ec2::254,true", "::ffff:10.0.0.1,true",
      "8.8.8.8,false", "172.32.0.1,false", "100.128.0.1,false", "2606:4700:4700::1111,false", "93.184.216.34,false"})
  void classifiesAddresses(String literal, boolean internal) throws Exception {
    assertEquals(internal, AddressGuard.isInternal(InetAddress.getByName(literal)));
  }

  @Test
  void refusesLoopbackUnlessAllowed() {
    URI uri = URI.create("http://127.0.0.1:9/feed.xml");
    AddressGuard.RefusedException e =
        assertThrows(AddressGuard.RefusedException.class, () -> new AddressGuard(false).check(uri));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("127.0.0.1"));
    assertDoesNotThrow(() -> new AddressGuard(true).check(uri));
  }

  @Test
  void refusesLocalhostByName() {
    assertThrows(AddressGuard.RefusedException.class, () -> new AddressGuard(false).check(URI.create("http://localhost/x")));
  }
}
