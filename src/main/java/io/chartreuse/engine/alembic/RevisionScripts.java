package io.chartreuse.engine.alembic;

import io.chartreuse.exit.ChartreuseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the revision scripts of an Alembic project: the ini's script_location (or version_locations). */
final class RevisionScripts {
  private static final Pattern REVISION = Pattern.compile("(?m)^revision\\s*(?::[^=\\n]*)?=\\s*['\"]([^'\"]+)['\"]");
  private static final Pattern DOWN = Pattern.compile("(?m)^down_revision\\s*(?::[^=\\n]*)?=\\s*(.+)$");
  private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");
  private static final Pattern DOCSTRING = Pattern.compile("^\\s*(?:\"\"\"|''')\\s*(.+)");

  private RevisionScripts() {}

  static RevisionGraph read(Path directory, String configFile, String section) {
    Path ini = directory.resolve(configFile);
    try {
      IniFile file = new IniFile(ini);
      if (!file.hasSection(section)) {
        throw ChartreuseException.usage(ini + " has no [" + section + "] section; add it or fix the database's name");
      }
      String scripts = file.get(section, "script_location")
          .orElseThrow(() -> ChartreuseException.usage(ini + " [" + section + "] has no script_location"));
      Path base = directory.resolve(scripts);
      List<Path> locations = new ArrayList<>();
      file.get(section, "version_locations").ifPresentOrElse(
          value -> {
            for (String location : value.split("[\\s,;]+")) {
              if (!location.isEmpty()) {
                locations.add(directory.resolve(location));
              }
            }
          },
          () -> locations.add(base.resolve("versions")));
      List<Revision> revisions = new ArrayList<>();
      for (Path location : locations) {
        if (!Files.isDirectory(location)) {
          throw ChartreuseException.usage("Alembic versions directory " + location + " does not exist; check script_location in " + ini);
        }
        try (Stream<Path> files = Files.list(location)) {
          for (Path script : files.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
            parse(script, revisions);
          }
        }
      }
      return new RevisionGraph(revisions);
    } catch (IOException e) {
      throw ChartreuseException.usage("cannot read the Alembic project at " + ini + ": " + e.getMessage());
    }
  }

  private static void parse(Path script, List<Revision> into) throws IOException {
    String text = Files.readString(script);
    Matcher revision = REVISION.matcher(text);
    if (!revision.find()) {
      return;
    }
    List<String> down = new ArrayList<>();
    Matcher downMatch = DOWN.matcher(text);
    if (downMatch.find()) {
      Matcher quoted = QUOTED.matcher(downMatch.group(1));
      while (quoted.find()) {
        down.add(quoted.group(1));
      }
    }
    Matcher doc = DOCSTRING.matcher(text);
    String description = doc.find() ? doc.group(1).replaceAll("(\"\"\"|''')\\s*$", "").strip() : script.getFileName().toString();
    into.add(new Revision(revision.group(1), List.copyOf(down), description, script.getFileName().toString()));
  }
}
