package io.chartreuse.compat;

import io.chartreuse.config.AlembicSettings;
import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.EngineKind;
import io.chartreuse.config.FlywaySettings;
import io.chartreuse.engine.Inspection;
import io.chartreuse.engine.PendingMigration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The verdict on each pending migration of one database, from the SQL its engine will run. */
public final class PendingVerdicts {
  private PendingVerdicts() {}

  public static List<MigrationVerdict> of(DatabaseTarget target, Inspection before) {
    return of(target, before, false);
  }

  /**
   * {@code untilBreaking}: stop at the first Flyway migration that is not compatible, when only the
   * decision matters; reading every script of a long pending set (a first install) costs seconds.
   */
  public static List<MigrationVerdict> of(
      DatabaseTarget target, Inspection before, boolean untilBreaking) {
    if (target.engine() == EngineKind.ALEMBIC) {
      return alembic(target, target.alembic().orElseThrow(), before);
    }
    FlywaySettings flyway = target.flyway().orElseThrow();
    List<MigrationVerdict> verdicts = new java.util.ArrayList<>();
    for (PendingMigration pending : before.pending()) {
      MigrationVerdict verdict = flyway(flyway, pending);
      verdicts.add(verdict);
      if (untilBreaking && verdict.verdict().stopsApplication()) {
        break;
      }
    }
    return verdicts;
  }

  static MigrationVerdict flyway(FlywaySettings settings, PendingMigration pending) {
    if (!pending.script().endsWith(".sql")) {
      return MigrationVerdict.unknown(
          pending.version(),
          pending.script(),
          "a Java migration: chartreuse cannot read what it does");
    }
    for (String location : settings.locations()) {
      Optional<String> sql = read(location, pending.script());
      if (sql.isPresent()) {
        return Classifier.sqlMigration(pending.version(), pending.script(), sql.get());
      }
    }
    return MigrationVerdict.unknown(
        pending.version(),
        pending.script(),
        "the script could not be read in " + settings.locations());
  }

  private static Optional<String> read(String location, String script) {
    try {
      if (location.startsWith("filesystem:")) {
        Path file = Path.of(location.substring("filesystem:".length())).resolve(script);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
      }
      String resource =
          location.substring("classpath:".length()).replaceAll("^/+|/+$", "") + "/" + script;
      try (InputStream in = PendingVerdicts.class.getClassLoader().getResourceAsStream(resource)) {
        return in == null
            ? Optional.empty()
            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static List<MigrationVerdict> alembic(
      DatabaseTarget target, AlembicSettings settings, Inspection before) {
    if (before.current().filter(c -> c.contains(",")).isPresent()) {
      return before.pending().stream()
          .map(
              p ->
                  MigrationVerdict.unknown(
                      p.version(),
                      p.script(),
                      "several current revisions: the pending SQL cannot be rendered"))
          .toList();
    }
    AlembicOfflineSql.Rendered rendered =
        new AlembicOfflineSql(settings).render(target.url().sqlalchemyUrl(), before.current());
    return before.pending().stream()
        .map(
            p -> {
              String sql = rendered.sqlByRevision().get(p.version());
              if (sql == null) {
                String why =
                    rendered.failure().isEmpty()
                        ? "alembic upgrade --sql rendered nothing for it"
                        : rendered.failure();
                return MigrationVerdict.unknown(p.version(), p.script(), why);
              }
              return Classifier.classify(
                  p.version(),
                  p.script(),
                  sql,
                  source(settings.directory(), p.script()).flatMap(DeclaredVerdict::inPython));
            })
        .toList();
  }

  /** The revision's Python source, found by its file name under the Alembic directory. */
  private static Optional<String> source(Path directory, String file) {
    try (Stream<Path> files = Files.walk(directory, 4)) {
      Optional<Path> found = files.filter(p -> p.getFileName().toString().equals(file)).findFirst();
      return found.isPresent() ? Optional.of(Files.readString(found.get())) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
