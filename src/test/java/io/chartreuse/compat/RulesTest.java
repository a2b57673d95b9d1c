package io.chartreuse.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of docs/compatibility.md, each on statements written several ways. */
class RulesTest {
  static Verdict verdict(String sql) {
    return Classifier.sqlMigration("1", "V1__t.sql", sql).verdict();
  }

  static List<Finding> findings(String sql) {
    return Classifier.sqlMigration("1", "V1__t.sql", sql).findings();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE TABLE orders (id bigint PRIMARY KEY, note text);",
        "create table if not exists public.orders (id int);",
        "CREATE TABLE \"Shop\".\"Orders\" (\"Id\" int)",
        "CREATE UNLOGGED TABLE t AS SELECT 1;",
        "CREATE INDEX CONCURRENTLY orders_note ON orders (note);",
        "create index concurrently if not exists \"Idx\" on \"Shop\".\"Orders\" using btree (lower(note)) where id > 0;",
        "CREATE INDEX ON orders (note);",
        "CREATE VIEW v AS SELECT id FROM orders;",
        "CREATE MATERIALIZED VIEW mv AS SELECT 1;",
        "CREATE SEQUENCE s START 1;",
        "CREATE TYPE mood AS ENUM ('sad', 'happy');",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;",
        "ALTER TABLE orders ADD COLUMN note text;",
        "alter table only public.orders add note varchar(20);",
        "ALTER TABLE \"Orders\" ADD COLUMN IF NOT EXISTS \"Note\" text NULL;",
        "ALTER TABLE orders ADD COLUMN n int NOT NULL DEFAULT 0;",
        "ALTER TABLE orders ADD COLUMN s text DEFAULT 'x'::text NOT NULL;",
        "ALTER TABLE orders ADD COLUMN at timestamptz NOT NULL DEFAULT now();",
        "ALTER TYPE mood ADD VALUE 'calm';",
        "alter type public.mood add value if not exists 'calm' after 'sad';",
        "ALTER TABLE orders ADD CONSTRAINT positive CHECK (n > 0) NOT VALID;",
        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id) NOT VALID;",
        "ALTER TABLE orders VALIDATE CONSTRAINT fk;",
        "COMMENT ON COLUMN orders.note IS 'drop table orders';",
        "GRANT SELECT ON orders TO reader;",
        "INSERT INTO countries (code) VALUES ('fr'), ('de');",
        "BEGIN; CREATE TABLE a (id int); COMMIT;",
        "SET lock_timeout = '2s'; CREATE TABLE a (id int);",
        "VACUUM orders;",
        "refresh materialized view concurrently totals;",
        "REINDEX INDEX CONCURRENTLY orders_note;",
      })
  void compatible(String sql) {
    assertEquals(Verdict.COMPATIBLE, verdict(sql), () -> sql + " → " + findings(sql));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DROP TABLE orders;",
        "drop table if exists public.orders cascade;",
        "DROP TABLE \"Orders\", \"Lines\";",
        "DROP VIEW v;",
        "DROP MATERIALIZED VIEW mv;",
        "DROP FUNCTION f(int, text);",
        "DROP TYPE mood;",
        "ALTER TABLE orders DROP COLUMN note;",
        "alter table public.orders drop note;",
        "ALTER TABLE \"Orders\" DROP COLUMN IF EXISTS \"Note\" CASCADE;",
        "ALTER TABLE orders RENAME COLUMN note TO remark;",
        "ALTER TABLE orders RENAME note TO remark;",
        "ALTER TABLE orders RENAME TO purchases;",
        "ALTER TABLE IF EXISTS shop.orders SET SCHEMA archive;",
        "ALTER VIEW v RENAME TO w;",
        "ALTER FUNCTION f(int) RENAME TO g;",
        "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';",
        "ALTER TABLE orders ALTER COLUMN n TYPE bigint;",
        "ALTER TABLE orders ALTER n SET DATA TYPE bigint USING n::bigint;",
        "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;",
        "ALTER TABLE orders ADD COLUMN n int NOT NULL;",
        "ALTER TABLE orders ADD n int PRIMARY KEY;",
        "ALTER TABLE orders ADD CONSTRAINT positive CHECK (n > 0);",
        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id);",
        "ALTER TABLE orders ADD UNIQUE (note);",
        "ALTER TABLE orders ADD CONSTRAINT u UNIQUE USING INDEX orders_note;",
        "CREATE UNIQUE INDEX CONCURRENTLY u ON orders (note);",
        "ALTER TABLE orders ALTER COLUMN note DROP DEFAULT;",
        "ALTER TABLE orders ADD COLUMN a text, DROP COLUMN note;",
        "CREATE TABLE a (id int); DROP TABLE b;",
      })
  void breaking(String sql) {
    assertEquals(Verdict.BREAKING, verdict(sql), () -> sql + " → " + findings(sql));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DO $$ BEGIN CREATE TABLE a (id int); END $$;",
        "UPDATE orders SET note = '';",
        "DELETE FROM orders;",
        "TRUNCATE orders;",
        "CREATE OR REPLACE VIEW v AS SELECT 1;",
        "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
        "CREATE TRIGGER t BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION f();",
        "ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';",
        "ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;",
        "ALTER TABLE orders DROP CONSTRAINT fk;",
        "ALTER TABLE orders OWNER TO someone;",
        "ALTER TABLE orders ALTER CONSTRAINT fk INITIALLY DEFERRED;",
        "REVOKE SELECT ON orders FROM reader;",
        "DROP INDEX CONCURRENTLY orders_note;",
        "SELECT do_something();",
      })
  void unknown(String sql) {
    assertEquals(Verdict.UNKNOWN, verdict(sql), () -> sql + " → " + findings(sql));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN DROP TABLE orders; ALTER TABLE x DROP COLUMN y; RETURN NEW; END $$ LANGUAGE plpgsql;",
        "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN EXECUTE 'DROP TABLE x'; RETURN NEW; END; $body$ LANGUAGE plpgsql;",
        "INSERT INTO notes (t) VALUES (E'it\\'s; DROP TABLE orders; --');",
        "INSERT INTO notes (t) VALUES ('it''s; drop table orders');",
        "/* DROP TABLE orders; /* nested; */ still comment; */ CREATE TABLE a (id int);",
        "-- DROP TABLE orders;\nCREATE TABLE a (id int);",
        "COMMENT ON TABLE orders IS $$DROP COLUMN note$$;",
      })
  void keywordsInBodiesStringsAndComments(String sql) {
    assertEquals(Verdict.COMPATIBLE, verdict(sql), () -> sql + " → " + findings(sql));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ALTER TABLE orders ADD COLUMN id2 uuid DEFAULT gen_random_uuid();",
        "ALTER TABLE orders ADD COLUMN seq bigserial;",
        "ALTER TABLE orders ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;",
        "ALTER TABLE orders ALTER COLUMN n TYPE bigint;",
        "ALTER TABLE orders ALTER COLUMN n SET NOT NULL;",
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (n > 0);",
        "ALTER TABLE orders ADD PRIMARY KEY (id);",
        "CREATE INDEX orders_note ON orders (note);",
        "VACUUM FULL orders;",
        "CLUSTER orders USING orders_pkey;",
        "REINDEX TABLE orders;",
        "REFRESH MATERIALIZED VIEW totals;",
        "ALTER TABLE orders SET TABLESPACE fast;",
      })
  void lockRisks(String sql) {
    assertTrue(
        findings(sql).stream().anyMatch(f -> f.lockRisk().isPresent()),
        () -> sql + " → " + findings(sql));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE INDEX CONCURRENTLY i ON orders (note);",
        "ALTER TABLE orders ADD COLUMN n int NOT NULL DEFAULT 0;",
        "ALTER TABLE orders ADD COLUMN at timestamptz DEFAULT now();",
        "ALTER TABLE orders ADD CONSTRAINT c CHECK (n > 0) NOT VALID;",
        "ALTER TABLE orders ADD CONSTRAINT u UNIQUE USING INDEX i;",
      })
  void noLockRisk(String sql) {
    assertTrue(
        findings(sql).stream().noneMatch(f -> f.lockRisk().isPresent()),
        () -> sql + " → " + findings(sql));
  }
}
