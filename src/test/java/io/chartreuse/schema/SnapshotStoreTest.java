package io.chartreuse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.schema.store.SnapshotStore;
import io.chartreuse.schema.store.StoredSnapshot;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored snapshot: chartreuse's own table, written after a run and read back by any tool. */
class SnapshotStoreTest {
  @TempDir Path temp;

  private final SnapshotStore store = new SnapshotStore();

  @Test
  void readingADatabaseWithoutSnapshotsFindsNoneAndCreatesNothing() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("store_none");
    try (Connection connection = database.connect()) {
      assertEquals(Optional.empty(), store.latest(connection));
      assertEquals(
          "f",
          MigrationFiles.strings(
                  connection, "SELECT to_regclass('chartreuse_schema_snapshot') IS NOT NULL")
              .get(0));
    }
  }

  @Test
  void aStoredSnapshotReadsBackEqualWithItsHashAndVersion() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("store_roundtrip");
    ShopSchema.migrate(database, ShopSchema.migrations(temp.resolve("migrations")));
    try (Connection connection = database.connect()) {
      SchemaSnapshot snapshot = ShopSchema.snapshot(connection);
      StoredSnapshot saved = store.save(connection, snapshot, Optional.of("4"), "0.1.0");
      StoredSnapshot read = store.latest(connection).orElseThrow();
      assertEquals(snapshot, read.snapshot());
      assertEquals(SnapshotJson.sha256(snapshot), read.sha256());
      assertEquals(saved.sha256(), read.sha256());
      assertEquals(Optional.of("4"), read.migrationVersion());
      assertEquals("0.1.0", read.chartreuseVersion());
      assertTrue(
          read.compressedBytes() > 0
              && read.compressedBytes() < SnapshotJson.bytes(snapshot).length / 3,
          read.compressedBytes() + " bytes compressed");
      assertTrue(connection.getAutoCommit());
    }
  }

  @Test
  void theLatestFiveAreKept() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("store_prune");
    try (Connection connection = database.connect()) {
      for (int version = 1; version <= 7; version++) {
        ShopSchema.execute(connection, "CREATE TABLE t" + version + " (id int)");
        store.save(
            connection,
            ShopSchema.snapshot(connection),
            Optional.of(String.valueOf(version)),
            "test");
      }
      assertEquals(
          "5",
          MigrationFiles.strings(connection, "SELECT count(*) FROM chartreuse_schema_snapshot")
              .get(0));
      StoredSnapshot latest = store.latest(connection).orElseThrow();
      assertEquals(Optional.of("7"), latest.migrationVersion());
      assertEquals(7, latest.snapshot().tables().size());
    }
  }

  @Test
  void aSnapshotThatDoesNotMatchItsHashIsRefusedWithTheFix() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("store_tampered");
    try (Connection connection = database.connect()) {
      store.save(connection, ShopSchema.snapshot(connection), Optional.empty(), "test");
      ShopSchema.execute(connection, "UPDATE chartreuse_schema_snapshot SET sha256 = 'x'");
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> store.latest(connection));
      assertTrue(refused.getMessage().contains("delete its rows"), refused.getMessage());
      assertFalse(refused.getMessage().isBlank());
    }
  }
}
