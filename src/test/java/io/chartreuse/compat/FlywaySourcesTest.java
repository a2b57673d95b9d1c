package io.chartreuse.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.DatabaseUrl;
import io.chartreuse.config.EngineKind;
import io.chartreuse.config.FlywaySettings;
import io.chartreuse.engine.Inspection;
import io.chartreuse.engine.PendingMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway pending migrations are read from their locations; Java migrations and unreadable scripts
 * are unknown.
 */
class FlywaySourcesTest {
  @TempDir Path migrations;

  @Test
  void sqlScriptsFromTheLocationJavaMigrationsUnknown() throws IOException {
    Files.createDirectories(migrations.resolve("sub"));
    Files.writeString(
        migrations.resolve("V2__add.sql"), "ALTER TABLE orders ADD COLUMN note text;\n");
    Files.writeString(
        migrations.resolve("sub/V3__drop.sql"), "\n\nALTER TABLE orders DROP COLUMN total;\n");
    DatabaseTarget target =
        new DatabaseTarget(
            "default",
            DatabaseUrl.parse("postgresql://db:5432/shop", "CHARTREUSE_DATABASE_URL"),
            EngineKind.FLYWAY,
            Optional.of(new FlywaySettings(List.of("filesystem:" + migrations), Optional.empty())),
            Optional.empty(),
            true);
    List<PendingMigration> pending =
        List.of(
            new PendingMigration("2", "add", "V2__add.sql", true),
            new PendingMigration("3", "drop", "sub/V3__drop.sql", true),
            new PendingMigration("4", "java", "db.migration.V4__Backfill", true),
            new PendingMigration("5", "gone", "V5__gone.sql", true));
    List<MigrationVerdict> verdicts =
        PendingVerdicts.of(
            target, new Inspection(Optional.of("1"), Optional.of("5"), pending, List.of(), false));
    assertEquals(
        List.of(Verdict.COMPATIBLE, Verdict.BREAKING, Verdict.UNKNOWN, Verdict.UNKNOWN),
        verdicts.stream().map(MigrationVerdict::verdict).toList());
    assertEquals(
        "sub/V3__drop.sql:3 DROP COLUMN orders.total - running code that reads it fails",
        verdicts.get(1).reasons().get(0));
    assertEquals(
        "db.migration.V4__Backfill - a Java migration: chartreuse cannot read what it does",
        verdicts.get(2).reasons().get(0));
  }
}
