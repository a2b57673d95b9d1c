package io.chartreuse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.schema.catalog.CatalogReader;
import io.chartreuse.schema.diff.SchemaDiff;
import io.chartreuse.schema.store.SnapshotStore;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Normalization, coverage and cost of a snapshot, against databases migrated by real Flyway. */
class SchemaSnapshotTest {
  @TempDir Path temp;

  private TestDatabase migrated(String prefix) {
    TestDatabase database = TestPostgres.get().createDatabase(prefix);
    ShopSchema.migrate(database, ShopSchema.migrations(temp.resolve("migrations")));
    return database;
  }

  @Test
  void twoDatabasesBuiltByTheSameMigrationsCompareEqual() throws Exception {
    TestDatabase first = migrated("same_a");
    TestDatabase second = TestPostgres.get().createDatabase("same_b");
    try (Connection connection = second.connect()) {
      // Other OIDs for everything the migrations create in the second database.
      ShopSchema.execute(connection, "CREATE TABLE scratch (a int, b text); DROP TABLE scratch");
    }
    ShopSchema.migrate(second, ShopSchema.migrations(temp.resolve("migrations")));

    SchemaSnapshot a;
    SchemaSnapshot b;
    try (Connection one = first.connect();
        Connection other = second.connect()) {
      a = ShopSchema.snapshot(one);
      // Another search path in the reading session changes nothing: the reader sets its own.
      ShopSchema.execute(other, "SET search_path = billing, public");
      b = ShopSchema.snapshot(other);
    }
    assertEquals(List.of(), SchemaDiff.between(a, b).lines());
    assertEquals(a, b);
    assertEquals(SnapshotJson.sha256(a), SnapshotJson.sha256(b));
    assertEquals(a, SnapshotJson.snapshot(SnapshotJson.bytes(a)), "the JSON form reads back equal");
    assertTrue(
        a.tables().size() >= 5 && a.columns().size() > 15 && !a.routines().isEmpty(), a.toString());
  }

  @Test
  void historyTablesChartreuseTablesAndExtensionMembersAreLeftOut() throws Exception {
    TestDatabase database = migrated("left_out");
    try (Connection connection = database.connect()) {
      SchemaSnapshot before = ShopSchema.snapshot(connection);
      assertTrue(
          before.tables().stream()
              .noneMatch(table -> table.name().endsWith("flyway_schema_history")));
      assertTrue(
          before.routines().stream().noneMatch(routine -> routine.name().contains("citext")),
          "citext's functions");
      assertTrue(
          before.extensions().stream().anyMatch(extension -> extension.name().equals("citext")));

      ShopSchema.execute(
          connection, "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)");
      new SnapshotStore().save(connection, before, Optional.of("4"), "test");
      assertEquals(List.of(), SchemaDiff.between(before, ShopSchema.snapshot(connection)).lines());
    }
  }

  @Test
  void theCoveredSchemasAreConfigurable() throws Exception {
    TestDatabase database = migrated("covered");
    CatalogReader publicOnly = new CatalogReader(SnapshotOptions.schemas(List.of("public")));
    try (Connection connection = database.connect()) {
      SchemaSnapshot all = ShopSchema.snapshot(connection);
      SchemaSnapshot onlyPublic = publicOnly.read(connection);
      assertTrue(all.tables().stream().anyMatch(table -> table.name().equals("billing.invoices")));
      assertEquals(List.of("public"), onlyPublic.schemas().stream().map(SchemaInfo::name).toList());
      assertTrue(onlyPublic.objects().noneMatch(object -> object.name().startsWith("billing.")));

      ShopSchema.execute(connection, "ALTER TABLE billing.invoices ADD COLUMN paid boolean");
      assertEquals(List.of(), SchemaDiff.between(onlyPublic, publicOnly.read(connection)).lines());
      assertEquals(
          List.of("column billing.invoices.paid: added"),
          SchemaDiff.between(all, ShopSchema.snapshot(connection)).lines());
    }
  }

  @Test
  void theNumberOfQueriesDoesNotGrowWithTheNumberOfObjects() throws Exception {
    TestDatabase small = migrated("queries_small");
    TestDatabase large = migrated("queries_large");
    try (Connection connection = large.connect()) {
      for (int i = 0; i < 40; i++) {
        ShopSchema.execute(
            connection,
            "CREATE TABLE t"
                + i
                + " (id serial PRIMARY KEY, v text CHECK (v <> ''));"
                + " CREATE INDEX t"
                + i
                + "_v ON t"
                + i
                + " (v); CREATE VIEW v"
                + i
                + " AS SELECT * FROM t"
                + i);
      }
    }
    assertEquals(statementsFor(small), statementsFor(large));
  }

  @Test
  void theConnectionIsLeftAsItWasFound() throws Exception {
    TestDatabase database = migrated("connection_state");
    try (Connection connection = database.connect()) {
      ShopSchema.snapshot(connection);
      assertTrue(connection.getAutoCommit());
      assertEquals(
          "\"$user\", public", MigrationFiles.strings(connection, "SHOW search_path").get(0));

      connection.setAutoCommit(false);
      ShopSchema.execute(connection, "CREATE TABLE pending_work (id int)");
      SchemaSnapshot inTransaction = ShopSchema.snapshot(connection);
      assertTrue(
          inTransaction.tables().stream()
              .anyMatch(table -> table.name().equals("public.pending_work")));
      ShopSchema.execute(connection, "INSERT INTO pending_work VALUES (1)");
      connection.commit();
      assertFalse(connection.getAutoCommit());
      assertEquals(
          "\"$user\", public", MigrationFiles.strings(connection, "SHOW search_path").get(0));
    }
  }

  /** How many statements a snapshot prepares or creates, counted on the JDBC connection. */
  private static int statementsFor(TestDatabase database) throws Exception {
    AtomicInteger statements = new AtomicInteger();
    try (Connection connection = database.connect()) {
      Connection counting =
          (Connection)
              Proxy.newProxyInstance(
                  Connection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (proxy, method, arguments) -> {
                    if (method.getName().equals("prepareStatement")
                        || method.getName().equals("createStatement")) {
                      statements.incrementAndGet();
                    }
                    try {
                      return method.invoke(connection, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      ShopSchema.snapshot(counting);
    }
    return statements.get();
  }
}
