package io.chartreuse.engine.alembic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one option of an alembic.ini section; read-only, so the ini is never rewritten (unlike the
 * original).
 */
final class IniFile {
  private final Map<String, Map<String, String>> sections = new HashMap<>();
  private final Path file;

  IniFile(Path file) throws IOException {
    this.file = file;
    String section = null;
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
        sections.putIfAbsent(section, new HashMap<>());
        continue;
      }
      int separator = indexOfSeparator(line);
      if (section != null && separator > 0) {
        sections
            .get(section)
            .put(
                line.substring(0, separator).strip().toLowerCase(java.util.Locale.ROOT),
                line.substring(separator + 1).strip());
      }
    }
  }

  private static int indexOfSeparator(String line) {
    int equals = line.indexOf('=');
    int colon = line.indexOf(':');
    if (equals < 0) {
      return colon;
    }
    return colon < 0 ? equals : Math.min(equals, colon);
  }

  boolean hasSection(String section) {
    return sections.containsKey(section);
  }

  /** The option with {@code %(here)s} expanded to the ini's directory, as Alembic does. */
  Optional<String> get(String section, String option) {
    return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(option))
        .map(value -> value.replace("%(here)s", file.toAbsolutePath().getParent().toString()));
  }
}
