package io.chartreuse.testing;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One run's log files: {@code logs/<c>.log} (the output as written) and {@code
 * logs/timestamped/<c>.log} (each line prefixed with the time its first byte arrived, RFC 3339, and
 * a space), written together by one pump thread; the previous run's files become {@code
 * <c>.previous.log}. {@link KubeletLogServer} serves them.
 */
final class LogFiles implements AutoCloseable {
  private final FileOutputStream raw;
  private final FileOutputStream stamped;
  private boolean lineStart = true;

  private LogFiles(Path rawFile, Path stampedFile) throws IOException {
    this.raw = new FileOutputStream(rawFile.toFile(), true);
    this.stamped = new FileOutputStream(stampedFile.toFile(), true);
  }

  /**
   * The current log of the container whose name sorts first in a pod's directory ("" when none
   * yet).
   */
  static String firstLog(Path podDir) {
    Path logs = podDir.resolve("logs");
    try (Stream<Path> files = Files.list(logs)) {
      Optional<Path> first =
          files
              .filter(p -> p.toString().endsWith(".log") && !p.toString().endsWith(".previous.log"))
              .sorted()
              .findFirst();
      return first.isPresent() ? Files.readString(first.get(), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Opens a new run's files, keeping the last run's as {@code .previous.log}. */
  static LogFiles open(Path logs, String container) throws IOException {
    Path stampedDir = logs.resolve("timestamped");
    Files.createDirectories(stampedDir);
    Files.deleteIfExists(logs.resolve(container + ".exited"));
    for (Path dir : List.of(logs, stampedDir)) {
      Path current = dir.resolve(container + ".log");
      if (Files.exists(current)) {
        Files.move(
            current, dir.resolve(container + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return new LogFiles(logs.resolve(container + ".log"), stampedDir.resolve(container + ".log"));
  }

  synchronized void write(byte[] b, int off, int len) throws IOException {
    raw.write(b, off, len);
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 64);
    String now = null;
    for (int i = off; i < off + len; i++) {
      if (lineStart) {
        if (now == null) {
          now = KubeletLogServer.timestamp(Instant.now());
        }
        out.writeBytes(now.getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        lineStart = false;
      }
      out.write(b[i]);
      if (b[i] == '\n') {
        lineStart = true;
      }
    }
    stamped.write(out.toByteArray()); // one write per chunk: a reader sees whole prefixes
  }

  void append(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    try {
      write(b, 0, b.length);
    } catch (IOException ignored) {
      // diagnostics only
    }
  }

  /** Copies {@code in} (the process's output) into the files until it ends, on a daemon thread. */
  Thread pump(InputStream in, String threadName) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (in) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                  write(buf, 0, n);
                }
              } catch (IOException ignored) {
                // the process is gone
              } finally {
                close();
              }
            },
            threadName);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Override
  public synchronized void close() {
    try {
      raw.close();
      stamped.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
