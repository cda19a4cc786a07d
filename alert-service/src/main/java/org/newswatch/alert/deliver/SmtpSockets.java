package org.newswatch.alert.deliver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * Makes the sockets of one e-mail attempt and closes them all when its time is up: Jakarta Mail
 * bounds each read and write, not a whole conversation, and a blocked read ends only when its
 * socket closes. Given to the attempt's session as {@code mail.smtp.socketFactory} (an instance);
 * STARTTLS layers over these sockets, so closing them ends the TLS one too.
 */
final class SmtpSockets extends SocketFactory {
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean expired;

  /** Time is up: every socket of the attempt closes, now and any made later. */
  void expire() {
    expired = true;
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing is all we want; a socket that fails to close is already unusable.
      }
    }
  }

  boolean expired() {
    return expired;
  }

  private Socket track(Socket s) throws IOException {
    sockets.add(s);
    if (expired) {
      s.close();
    }
    return s;
  }

  @Override
  public Socket createSocket() throws IOException {
    return track(new Socket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return open(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return open(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return open(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return open(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket open(InetSocketAddress remote, InetSocketAddress local) throws IOException {
    Socket s = track(new Socket());
    if (local != null) {
      s.bind(local);
    }
    s.connect(remote);
    return s;
  }
}
