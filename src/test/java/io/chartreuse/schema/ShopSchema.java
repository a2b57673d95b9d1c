package io.chartreuse.schema;

import io.chartreuse.schema.catalog.CatalogReader;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A schema with every kind of object a snapshot covers, in two schemas ({@code public}, {@code
 * billing}), written as Flyway migrations and migrated by real Flyway, as an application's history
 * would be.
 */
final class ShopSchema {
  private ShopSchema() {}

  static MigrationFiles migrations(Path directory) {
    return new MigrationFiles(directory)
        .add(
            "V1__types.sql",
            """
            CREATE EXTENSION citext;
            CREATE TYPE status AS ENUM ('new', 'paid', 'shipped');
            CREATE DOMAIN positive_amount AS numeric(10,2) CONSTRAINT positive CHECK (VALUE > 0);
            CREATE TYPE money_pair AS (amount numeric(10,2), currency char(3));
            CREATE TYPE price_range AS RANGE (subtype = numeric);
            CREATE SEQUENCE invoice_numbers START 1000;
            """)
        .add(
            "V2__tables.sql",
            """
            CREATE TABLE customers (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              email citext NOT NULL UNIQUE,
              name text COLLATE "C",
              created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE orders (
              id bigserial PRIMARY KEY,
              customer_id bigint NOT NULL REFERENCES customers (id) DEFERRABLE INITIALLY DEFERRED,
              status status NOT NULL DEFAULT 'new',
              total numeric(10,2) NOT NULL CHECK (total >= 0),
              net numeric,
              total_with_tax numeric GENERATED ALWAYS AS (net * 1.2) STORED,
              during tstzrange,
              CONSTRAINT orders_no_overlap EXCLUDE USING gist (during WITH &&));
            COMMENT ON TABLE orders IS 'one row per order';
            CREATE INDEX orders_status_idx ON orders (status) WHERE status <> 'shipped';
            CREATE TABLE events (id bigint, happened date NOT NULL, payload jsonb) PARTITION BY RANGE (happened);
            CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            """)
        .add(
            "V3__code.sql",
            """
            CREATE VIEW open_orders AS SELECT id, customer_id FROM orders WHERE status <> 'shipped';
            CREATE MATERIALIZED VIEW order_counts AS SELECT customer_id, count(*) AS orders FROM orders GROUP BY customer_id;
            CREATE FUNCTION order_total(integer) RETURNS numeric LANGUAGE sql STABLE
              AS $$ SELECT total FROM orders WHERE id = $1 $$;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
              AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$;
            CREATE TRIGGER customers_touch BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE PROCEDURE archive_orders() LANGUAGE sql AS $$ DELETE FROM orders WHERE status = 'shipped' $$;
            ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
            CREATE POLICY orders_by_customer ON orders USING (customer_id = current_setting('app.customer')::bigint);
            """)
        .add(
            "V4__billing.sql",
            """
            CREATE SCHEMA billing;
            CREATE TABLE billing.invoices (
              id bigint PRIMARY KEY,
              order_id bigint REFERENCES orders (id),
              number integer NOT NULL DEFAULT nextval('invoice_numbers'));
            """);
  }

  /** Migrates the database with real Flyway, as its owner. */
  static void migrate(TestDatabase database, MigrationFiles migrations) {
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations(migrations.location())
        .load()
        .migrate();
  }

  static SchemaSnapshot snapshot(Connection connection) throws SQLException {
    return new CatalogReader(SnapshotOptions.allSchemas()).read(connection);
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
