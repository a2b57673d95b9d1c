package io.chartreuse.config;

import io.chartreuse.exit.ChartreuseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The application jars that hold Flyway migrations ({@code CHARTREUSE_FLYWAY_JARS}):
 * comma-separated jar files or directories, a directory standing for the jars directly in it (in
 * name order), as an application's {@code lib/} folder is laid out. {@code setting} names where the
 * value came from in errors.
 */
final class ApplicationJars {
  private ApplicationJars() {}

  static List<Path> resolve(String value, String setting) {
    List<Path> jars = new ArrayList<>();
    for (String entry : value.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      Path path = Path.of(trimmed);
      if (Files.isDirectory(path)) {
        List<Path> inside = jarsIn(path, setting);
        if (inside.isEmpty()) {
          throw ChartreuseException.usage(
              setting
                  + " directory "
                  + path
                  + " holds no .jar file; point it at the application's jars");
        }
        jars.addAll(inside);
      } else if (Files.isRegularFile(path) && trimmed.endsWith(".jar")) {
        jars.add(path);
      } else {
        throw ChartreuseException.usage(
            setting
                + " entry "
                + path
                + (Files.exists(path) ? " is not a .jar file" : " does not exist")
                + "; give jar files or directories of jars, comma-separated");
      }
    }
    return jars;
  }

  private static List<Path> jarsIn(Path directory, String setting) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw ChartreuseException.usage(
          setting + " directory " + directory + " cannot be read: " + e.getMessage());
    }
  }
}
