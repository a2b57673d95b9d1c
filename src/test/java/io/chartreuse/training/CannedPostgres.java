package io.chartreuse.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A stand-in PostgreSQL for the start-up archive's training run: enough of the v3 wire protocol
 * (trust authentication, simple and extended queries) for the JDBC driver to connect and run
 * statements, every query answering with no rows. `check` and `run --check-only` against it load
 * the driver's connection and query path and chartreuse's inspection, catalog reading and output,
 * which an unreachable database would stop at the refused connection. Nothing here is a database:
 * what the commands conclude from empty answers does not matter, only the classes they load.
 */
final class CannedPostgres implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;

  private final ServerSocket socket;
  private final Thread acceptor;

  private CannedPostgres(ServerSocket socket) {
    this.socket = socket;
    this.acceptor = new Thread(this::accept, "canned-postgres");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static CannedPostgres start() {
    try {
      return new CannedPostgres(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread session = new Thread(() -> serve(client), "canned-postgres-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void serve(Socket client) {
    try (client;
        DataInputStream in = new DataInputStream(client.getInputStream());
        DataOutputStream out = new DataOutputStream(client.getOutputStream())) {
      if (!startup(in, out)) {
        return;
      }
      new Session(in, out).run();
    } catch (IOException e) {
      // The client hung up: the session is over.
    }
  }

  /** Refuses SSL and GSS encryption, then accepts the startup message without a password. */
  private static boolean startup(DataInputStream in, DataOutputStream out) throws IOException {
    while (true) {
      int length = in.readInt();
      int code = in.readInt();
      in.readNBytes(length - 8);
      if (code == SSL_REQUEST || code == GSS_REQUEST) {
        out.writeByte('N');
        out.flush();
        continue;
      }
      message(out, 'R', new byte[] {0, 0, 0, 0});
      parameter(out, "server_version", "15.0");
      parameter(out, "server_encoding", "UTF8");
      parameter(out, "client_encoding", "UTF8");
      parameter(out, "DateStyle", "ISO, MDY");
      parameter(out, "integer_datetimes", "on");
      parameter(out, "standard_conforming_strings", "on");
      parameter(out, "TimeZone", "UTC");
      message(out, 'K', new byte[] {0, 0, 0, 1, 0, 0, 0, 1});
      message(out, 'Z', new byte[] {'I'});
      out.flush();
      return true;
    }
  }

  /** One connection's messages after the startup. */
  private static final class Session {
    private final DataInputStream in;
    private final DataOutputStream out;
    private String query = "";
    private short parameters;

    Session(DataInputStream in, DataOutputStream out) {
      this.in = in;
      this.out = out;
    }

    void run() throws IOException {
      while (true) {
        int type = in.read();
        if (type < 0 || type == 'X') {
          return;
        }
        byte[] body = in.readNBytes(in.readInt() - 4);
        switch (type) {
          case 'Q' -> {
            query = cString(body, 0);
            if (returnsRows()) {
              message(out, 'T', new byte[] {0, 0});
            }
            complete();
            message(out, 'Z', new byte[] {'I'});
            out.flush();
          }
          case 'P' -> {
            int nameEnd = indexOfZero(body, 0);
            query = cString(body, nameEnd + 1);
            int typesAt = indexOfZero(body, nameEnd + 1) + 1;
            parameters = (short) (((body[typesAt] & 0xff) << 8) | (body[typesAt + 1] & 0xff));
            message(out, '1', new byte[0]);
          }
          case 'B' -> message(out, '2', new byte[0]);
          case 'D' -> describe(body[0] == 'S');
          case 'E' -> complete();
          case 'C' -> message(out, '3', new byte[0]);
          case 'S' -> {
            message(out, 'Z', new byte[] {'I'});
            out.flush();
          }
          case 'H' -> out.flush();
          default -> {
            // Copy and function calls: never sent by the commands trained here.
          }
        }
      }
    }

    /** Parameters as text, and rows of no columns for a query, no data for anything else. */
    private void describe(boolean statement) throws IOException {
      if (statement) {
        byte[] description = new byte[2 + 4 * parameters];
        description[0] = (byte) (parameters >> 8);
        description[1] = (byte) parameters;
        for (int i = 0; i < parameters; i++) {
          description[2 + 4 * i + 3] = 25; // text
        }
        message(out, 't', description);
      }
      if (returnsRows()) {
        message(out, 'T', new byte[] {0, 0});
      } else {
        message(out, 'n', new byte[0]);
      }
    }

    private void complete() throws IOException {
      String tag = returnsRows() ? "SELECT 0" : firstWord();
      message(out, 'C', (tag + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private boolean returnsRows() {
      String word = firstWord();
      return word.equals("SELECT") || word.equals("WITH") || word.equals("SHOW");
    }

    private String firstWord() {
      String trimmed = query.strip();
      int end = 0;
      while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
        end++;
      }
      return end == 0 ? "SELECT" : trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }
  }

  private static void parameter(DataOutputStream out, String name, String value)
      throws IOException {
    message(out, 'S', (name + "\0" + value + "\0").getBytes(StandardCharsets.UTF_8));
  }

  private static void message(DataOutputStream out, char type, byte[] body) throws IOException {
    out.writeByte(type);
    out.writeInt(body.length + 4);
    out.write(body);
  }

  private static int indexOfZero(byte[] bytes, int from) {
    int at = from;
    while (bytes[at] != 0) {
      at++;
    }
    return at;
  }

  private static String cString(byte[] bytes, int from) {
    return new String(bytes, from, indexOfZero(bytes, from) - from, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a listening socket that is already closed.
    }
  }
}
