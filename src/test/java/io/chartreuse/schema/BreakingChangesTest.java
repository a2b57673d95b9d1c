package io.chartreuse.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chartreuse.schema.diff.BreakingChanges;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which differences a migration makes to a real PostgreSQL schema break code written for the schema
 * before it (the rules of docs/compatibility.md, read from the schema instead of the SQL).
 */
class BreakingChangesTest {
  private static final String BASE =
      "CREATE TYPE status AS ENUM ('new', 'paid');"
          + " CREATE TABLE users (id bigserial PRIMARY KEY, email text, name text DEFAULT '',"
          + " state status);"
          + " CREATE VIEW user_emails AS SELECT email FROM users;"
          + " CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;";

  /** Statement → the breaking findings expected, in words ("" for none). */
  private static final Map<String, String> CASES = new LinkedHashMap<>();

  static {
    CASES.put(
        "ALTER TABLE users DROP COLUMN email CASCADE",
        "column public.users.email: missing - dropped or renamed: running code that uses it fails"
            + "|view public.user_emails: missing - dropped or renamed: running code that uses it"
            + " fails");
    CASES.put(
        "ALTER TABLE users RENAME TO people",
        "table public.users: missing - dropped or renamed: running code that uses it fails");
    CASES.put(
        "ALTER TABLE users ALTER COLUMN name TYPE varchar(20)",
        "column public.users.name: type text -> character varying(20) - running code reads and"
            + " writes values of the old type");
    CASES.put(
        "ALTER TABLE users ALTER COLUMN email SET NOT NULL",
        "column public.users.email: not null false -> true - SET NOT NULL: running code's inserts"
            + " that leave it NULL fail");
    CASES.put(
        "ALTER TABLE users ALTER COLUMN name DROP DEFAULT",
        "column public.users.name: default ''::text -> none - DROP DEFAULT: running code's inserts"
            + " that omit it get no value");
    CASES.put(
        "ALTER TABLE users ADD COLUMN age int NOT NULL",
        "column public.users.age: added - NOT NULL without a default: running code's inserts do not"
            + " set it");
    CASES.put(
        "ALTER TABLE users ADD CONSTRAINT email_lower CHECK (email = lower(email))",
        "constraint public.users.email_lower: added - a validated check: running code's writes may"
            + " violate it");
    CASES.put(
        "CREATE UNIQUE INDEX users_email ON users (email)",
        "index public.users_email: added - a unique index: running code's writes may violate it");
    CASES.put(
        "DROP FUNCTION one()",
        "function public.one(): missing - dropped or renamed: running code that uses it fails");
    CASES.put(
        "ALTER TYPE status RENAME VALUE 'paid' TO 'settled'",
        "enum public.status: labels new, paid -> new, settled - an enum value removed or renamed:"
            + " running code that writes it fails");
    // Compatible: nothing breaks.
    CASES.put("ALTER TABLE users ADD COLUMN nickname text", "");
    CASES.put("ALTER TABLE users ADD COLUMN score int NOT NULL DEFAULT 0", "");
    CASES.put("CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint)", "");
    CASES.put("CREATE INDEX users_name ON users (name)", "");
    CASES.put(
        "ALTER TABLE users ADD CONSTRAINT name_short CHECK (length(name) < 100) NOT VALID", "");
    CASES.put("ALTER TYPE status ADD VALUE 'refunded'", "");
    CASES.put("ALTER TABLE users ALTER COLUMN email DROP NOT NULL", "");
  }

  @Test
  void eachChangeIsJudgedFromTheSchemaItProduced() throws Exception {
    TestDatabase database = TestPostgres.get().createDatabase("breaking_changes");
    Map<String, String> found = new LinkedHashMap<>();
    int schema = 0;
    for (Map.Entry<String, String> testCase : CASES.entrySet()) {
      try (Connection connection = database.connect()) {
        String name = "s" + schema++;
        ShopSchema.execute(
            connection, "CREATE SCHEMA " + name + "; SET search_path = " + name + "; " + BASE);
        SchemaSnapshot before = ShopSchema.snapshot(connection);
        ShopSchema.execute(connection, testCase.getKey());
        List<String> lines =
            BreakingChanges.between(before, ShopSchema.snapshot(connection)).stream()
                .map(BreakingChanges.Change::describe)
                .map(line -> line.replace(name + ".", "public."))
                .toList();
        found.put(testCase.getKey(), String.join("|", lines));
        ShopSchema.execute(connection, "DROP SCHEMA " + name + " CASCADE");
      }
    }
    assertEquals(CASES, found);
  }
}
