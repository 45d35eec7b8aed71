package dev.winfleet.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry that never answers: a loopback socket that accepts every connection, reads nothing and
 * writes nothing, the way a registry behind a black-holing firewall or a hung proxy behaves.
 */
public final class SilentRegistry implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();

  public SilentRegistry() {
    try {
      socket = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread t =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  held.add(socket.accept());
                  accepted.incrementAndGet();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "silent-registry");
    t.setDaemon(true);
    t.start();
  }

  /** host:port, usable as the registry part of an image reference. */
  public String host() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  public int connectionsAccepted() {
    return accepted.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : held) {
      s.close();
    }
  }
}
