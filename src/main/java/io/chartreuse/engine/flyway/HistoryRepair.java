package io.chartreuse.engine.flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.RepairOutput;
import org.flywaydb.core.api.output.RepairResult;

/**
 * The {@code repair} Flyway users know, in two strengths. By default only the rows of failed
 * migrations whose files are still there (so they are pending again) are removed: what a failed
 * non-transactional migration leaves. Realigning checksums and descriptions to the files, and
 * marking migrations whose files are gone as deleted, rewrites what the history says was applied,
 * so it is Flyway's own {@code repair()}, only when asked.
 */
public final class HistoryRepair {
  private HistoryRepair() {}

  /**
   * What a repair changed, each entry "version (description)"; {@code left}: failed rows it kept,
   * and why.
   */
  public record Summary(
      List<String> removed,
      List<String> realigned,
      List<String> markedDeleted,
      List<String> left) {}

  static Summary removeFailed(
      Flyway flyway, DataSource dataSource, Optional<String> schema, String table)
      throws SQLException {
    List<String> removed = new ArrayList<>();
    List<String> left = new ArrayList<>();
    String qualified =
        schema.map(s -> SqlIdentifier.quote(s) + ".").orElse("") + SqlIdentifier.quote(table);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM " + qualified + " WHERE installed_rank = ? AND NOT success")) {
      for (MigrationInfo migration : flyway.info().all()) {
        if (migration.getState() == MigrationState.FAILED && migration.getInstalledRank() != null) {
          delete.setInt(1, migration.getInstalledRank());
          delete.executeUpdate();
          removed.add(name(migration));
        } else if (migration.getState().isFailed()) {
          left.add(name(migration) + ": its file is gone (--realign-checksums removes it too)");
        }
      }
    }
    return new Summary(removed, List.of(), List.of(), left);
  }

  static Summary realign(Flyway flyway) {
    RepairResult result = flyway.repair();
    return new Summary(
        names(result.migrationsRemoved),
        names(result.migrationsAligned),
        names(result.migrationsDeleted),
        List.of());
  }

  private static String name(MigrationInfo migration) {
    return FlywayEngine.label(migration) + " (" + migration.getDescription() + ")";
  }

  private static List<String> names(List<RepairOutput> outputs) {
    return outputs == null
        ? List.of()
        : outputs.stream()
            .map(
                o ->
                    (o.version == null || o.version.isEmpty() ? "R:" + o.description : o.version)
                        + " ("
                        + o.description
                        + ")")
            .toList();
  }
}
