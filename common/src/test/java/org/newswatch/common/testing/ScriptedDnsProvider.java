package org.newswatch.common.testing;

import java.net.spi.InetAddressResolver;
import org.newswatch.common.net.PinningResolverProvider;

/**
 * The production resolver ({@link PinningResolverProvider}) over {@link ScriptedDns} instead of the
 * JDK's name service. A module's tests switch it on with a {@code
 * META-INF/services/java.net.spi.InetAddressResolverProvider} in their own test resources, which
 * comes first on Surefire's class path; the JVM takes the first provider it finds.
 */
public final class ScriptedDnsProvider extends PinningResolverProvider {
  @Override
  protected InetAddressResolver upstream(Configuration configuration) {
    return new ScriptedDns(configuration.builtinResolver());
  }

  @Override
  public String name() {
    return "newswatch-scripted-dns";
  }
}
