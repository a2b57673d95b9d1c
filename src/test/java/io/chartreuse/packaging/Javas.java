package io.chartreuse.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The Java installations the launcher's routes are tried with. */
final class Javas {
  private static final Path JVMS = Path.of("/usr/lib/jvm");

  private Javas() {}

  /** A Java 17 to 24: this JVM when it is one, else one under /usr/lib/jvm. */
  static Path java17() {
    int feature = Runtime.version().feature();
    if (feature >= 17 && feature < 25) {
      return Path.of(System.getProperty("java.home"), "bin", "java");
    }
    return installed(17, 24)
        .orElseThrow(() -> new AssertionError("no Java 17 to 24 to run the launcher with"));
  }

  /** A Java 25 or later: CHARTREUSE_TEST_JAVA25, else one under /usr/lib/jvm. */
  static Optional<Path> java25() {
    String named = System.getenv("CHARTREUSE_TEST_JAVA25");
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named));
    }
    return installed(25, Integer.MAX_VALUE);
  }

  private static Optional<Path> installed(int from, int to) {
    if (!Files.isDirectory(JVMS)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(JVMS)) {
      return homes
          .sorted()
          .filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .filter(
              home -> {
                int feature = feature(home);
                return feature >= from && feature <= to;
              })
          .map(home -> home.resolve("bin/java"))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The feature release in the installation's release file; 0 without one. */
  private static int feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return 0;
    }
    try {
      return Files.readAllLines(release).stream()
          .filter(line -> line.startsWith("JAVA_VERSION="))
          .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
          .map(version -> version.split("[.+-]")[0])
          .filter(number -> number.matches("[0-9]+"))
          .map(Integer::parseInt)
          .findFirst()
          .orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
