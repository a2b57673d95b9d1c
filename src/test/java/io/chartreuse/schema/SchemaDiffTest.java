package io.chartreuse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.schema.diff.SchemaDiff;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a diff says: one finding per missing table (not one per column), the column order, the JSON
 * form.
 */
class SchemaDiffTest {
  @TempDir Path temp;

  @Test
  void aMissingTableIsOneFindingAndItsStructuredFormNamesEverything() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("diff_words");
    ShopSchema.migrate(database, ShopSchema.migrations(temp.resolve("migrations")));
    try (Connection connection = database.connect()) {
      SchemaSnapshot migrated = ShopSchema.snapshot(connection);
      ShopSchema.execute(
          connection,
          "DROP TABLE billing.invoices; ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);"
              + " CREATE OR REPLACE FUNCTION order_total(integer) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT 0::numeric $$");
      SchemaDiff diff = SchemaDiff.between(migrated, ShopSchema.snapshot(connection));

      assertEquals(
          List.of(
              "table billing.invoices: missing",
              "column public.orders.total: type numeric(10,2) -> numeric(12,2)",
              "function public.order_total(integer): body changed"),
          diff.lines());
      JsonNode json = new ObjectMapper().readTree(SnapshotJson.bytes(diff));
      JsonNode type = json.at("/differences/1");
      assertEquals("column", type.get("kind").asText());
      assertEquals("public.orders.total", type.get("name").asText());
      assertEquals("changed", type.get("change").asText());
      assertEquals("type", type.get("property").asText());
      assertEquals("numeric(10,2)", type.get("expected").asText());
      assertEquals("numeric(12,2)", type.get("actual").asText());
      assertEquals("missing", json.at("/differences/0/change").asText());
    }
  }

  @Test
  void aColumnDroppedAndAddedAgainMovesToTheEnd() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("diff_order");
    try (Connection connection = database.connect()) {
      ShopSchema.execute(connection, "CREATE TABLE items (id int, name text, price numeric)");
      SchemaSnapshot before = ShopSchema.snapshot(connection);
      ShopSchema.execute(
          connection, "ALTER TABLE items DROP COLUMN name; ALTER TABLE items ADD COLUMN name text");
      assertEquals(
          List.of("table public.items: column order id, name, price -> id, price, name"),
          SchemaDiff.between(before, ShopSchema.snapshot(connection)).lines());
      ShopSchema.execute(connection, "ALTER TABLE items DROP COLUMN price");
      assertEquals(
          List.of("column public.items.price: missing"),
          SchemaDiff.between(before, ShopSchema.snapshot(connection)).lines());
    }
  }
}
