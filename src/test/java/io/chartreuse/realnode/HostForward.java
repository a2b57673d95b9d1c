package io.chartreuse.realnode;

import io.chartreuse.testdb.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP forward from the Docker bridge's host address to the test PostgreSQL on loopback, so that
 * pods reach it the way they reach any database outside the cluster, while its pg_hba.conf
 * (loopback only) stays as is.
 */
final class HostForward implements AutoCloseable {
  private final ServerSocket server;
  private final String host;
  private final int targetPort;

  private HostForward(String host, int targetPort) {
    this.host = host;
    this.targetPort = targetPort;
    try {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host, e);
    }
    Thread accept = new Thread(this::accept, "postgres-forward");
    accept.setDaemon(true);
    accept.start();
  }

  static HostForward toLocalPostgres(String bridgeAddress) {
    TestPostgres postgres = TestPostgres.get();
    return new HostForward(bridgeAddress, postgres.createDatabase("forward_probe").port());
  }

  String host() {
    return host;
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket target = new Socket("127.0.0.1", targetPort);
        pipe(client, target);
        pipe(target, client);
      } catch (IOException e) {
        // closed, or PostgreSQL refused this one connection: the client sees it closed
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException ignored) {
                // the other side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "postgres-forward-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
