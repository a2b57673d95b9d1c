package io.chartreuse.engine.alembic;

import io.chartreuse.exit.ChartreuseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the revision scripts of an Alembic project without Python: the ini section's
 * script_location (or version_locations), files in the order Alembic loads them (location by
 * location, names sorted).
 */
final class RevisionScripts {
  private static final Pattern REVISION =
      Pattern.compile("(?m)^revision\\s*(?::[^=\\n]*)?=\\s*[rRuU]?['\"]([^'\"]+)['\"]");
  private static final Pattern COMMENT = Pattern.compile("#[^\\n]*");
  private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");
  private static final Pattern DOWN_REVISION = assignment("down_revision");
  private static final Pattern DEPENDS_ON = assignment("depends_on");
  private static final Pattern NON_TRANSACTIONAL = Pattern.compile("\\bautocommit_block\\s*\\(");

  private RevisionScripts() {}

  private static Pattern assignment(String name) {
    return Pattern.compile("(?m)^" + name + "\\s*(?::[^=\\n]*)?=[ \\t]*");
  }

  static RevisionGraph read(Path directory, String configFile, String section) {
    Path ini = directory.resolve(configFile);
    try {
      IniFile file = new IniFile(ini);
      if (!file.hasSection(section)) {
        throw ChartreuseException.usage(
            ini + " has no [" + section + "] section; add it or fix the database's name");
      }
      String scripts =
          file.get(section, "script_location")
              .orElseThrow(
                  () ->
                      ChartreuseException.usage(ini + " [" + section + "] has no script_location"));
      List<Path> locations = new ArrayList<>();
      file.get(section, "version_locations")
          .ifPresentOrElse(
              value -> {
                for (String location : value.split("[\\s,;]+")) {
                  if (!location.isEmpty()) {
                    locations.add(directory.resolve(location));
                  }
                }
              },
              () -> locations.add(directory.resolve(scripts).resolve("versions")));
      boolean recursive =
          file.get(section, "recursive_version_locations")
              .map(v -> v.toLowerCase(Locale.ROOT))
              .filter(v -> v.equals("true"))
              .isPresent();
      List<Path> files = new ArrayList<>();
      for (Path location : locations) {
        if (!Files.isDirectory(location)) {
          throw ChartreuseException.usage(
              "Alembic versions directory "
                  + location
                  + " does not exist; check script_location in "
                  + ini);
        }
        files.addAll(scripts(location, recursive));
      }
      // Reading and matching thousands of small files is most of an inspection's own work: on
      // every core, the order kept (Alembic's load order decides the order of unmerged heads).
      return new RevisionGraph(
          files.parallelStream()
              .map(script -> parse(script.toAbsolutePath().normalize()))
              .flatMap(Optional::stream)
              .toList());
    } catch (IOException e) {
      throw ChartreuseException.usage(
          "cannot read the Alembic project at " + ini + ": " + e.getMessage());
    }
  }

  /**
   * Python files of a versions directory (and its subdirectories when recursive), sorted per
   * directory as Alembic does.
   */
  private static List<Path> scripts(Path location, boolean recursive) throws IOException {
    List<Path> found = new ArrayList<>();
    List<Path> directories = new ArrayList<>();
    try (Stream<Path> entries = Files.list(location)) {
      for (Path entry : entries.sorted().toList()) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry)) {
          if (!name.equals("__pycache__")) {
            directories.add(entry);
          }
        } else if (name.endsWith(".py") && !name.startsWith("__init__") && !name.startsWith(".#")) {
          found.add(entry);
        }
      }
    }
    if (recursive) {
      for (Path directory : directories) {
        found.addAll(scripts(directory, true));
      }
    }
    return found;
  }

  /** The revision a script declares; empty for a Python file that declares none. */
  private static Optional<Revision> parse(Path script) {
    String text;
    try {
      text = Files.readString(script);
    } catch (IOException e) {
      throw ChartreuseException.usage("cannot read the Alembic revision " + script + ": " + e);
    }
    Matcher revision = REVISION.matcher(text);
    if (!revision.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new Revision(
            revision.group(1),
            identifiers(text, DOWN_REVISION),
            identifiers(text, DEPENDS_ON),
            ModuleDocstring.message(text),
            script,
            !NON_TRANSACTIONAL.matcher(text).find()));
  }

  /** The ids of {@code name = None | "a" | ("a", "b") | [...]}, also when the tuple spans lines. */
  private static List<String> identifiers(String text, Pattern pattern) {
    Matcher assignment = pattern.matcher(text);
    if (!assignment.find()) {
      return List.of();
    }
    int start = assignment.end();
    int end = text.indexOf('\n', start);
    if (start < text.length() && (text.charAt(start) == '(' || text.charAt(start) == '[')) {
      end = text.indexOf(text.charAt(start) == '(' ? ')' : ']', start);
    }
    String value = text.substring(start, end < 0 ? text.length() : end);
    List<String> ids = new ArrayList<>();
    Matcher quoted = QUOTED.matcher(COMMENT.matcher(value).replaceAll(""));
    while (quoted.find()) {
      ids.add(quoted.group(1));
    }
    return List.copyOf(ids);
  }
}
