package io.chartreuse.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded generator of DDL histories: each step is one statement that creates or alters objects,
 * knows which snapshot objects it touches (the keys a diff must name if the step did not run) and
 * which earlier steps it needs. The same seed gives the same history.
 */
final class RandomDdl {
  /** One statement of a history. */
  record Step(int index, String sql, Set<String> touches, Set<Integer> needs) {}

  private record Table(
      String name,
      int createdBy,
      List<String> columns,
      List<Integer> columnSteps,
      boolean[] commented) {}

  private static final String[] TYPES = {
    "integer", "bigint", "text", "numeric(10,2)", "boolean", "timestamptz", "jsonb", "varchar(40)"
  };

  private final Random random;
  private final List<Step> steps = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final List<String[]> enums = new ArrayList<>(); // {qualified name, creating step}
  private int counter;

  private RandomDdl(long seed) {
    this.random = new Random(seed);
  }

  static List<Step> history(long seed, int length) {
    RandomDdl generator = new RandomDdl(seed);
    generator.add("CREATE SCHEMA s2", Set.of("schema s2"), Set.of());
    while (generator.steps.size() < length) {
      generator.next();
    }
    return List.copyOf(generator.steps);
  }

  /** Steps no later step needs: leaving one out still gives a valid history. */
  static List<Step> leaves(List<Step> history) {
    Set<Integer> needed = new HashSet<>();
    history.forEach(step -> needed.addAll(step.needs()));
    return history.stream().filter(step -> !needed.contains(step.index())).toList();
  }

  private void next() {
    int choice = tables.isEmpty() ? 0 : random.nextInt(9);
    switch (choice) {
      case 0, 1 -> createTable();
      case 2 -> addColumn();
      case 3 -> createIndex();
      case 4 -> addCheck();
      case 5 -> createView();
      case 6 -> createEnum();
      case 7 -> createFunction();
      default -> {
        if (random.nextBoolean()) {
          createSequence();
        } else {
          commentTable();
        }
      }
    }
  }

  private void createTable() {
    String schema = schema();
    String name = schema + ".t" + ++counter;
    String id = random.nextBoolean() ? "bigserial" : "bigint";
    List<String> columns = new ArrayList<>(List.of("id"));
    StringBuilder sql = new StringBuilder("CREATE TABLE " + name + " (id " + id + " PRIMARY KEY");
    int count = 1 + random.nextInt(4);
    for (int i = 1; i <= count; i++) {
      sql.append(", c")
          .append(i)
          .append(' ')
          .append(type())
          .append(random.nextBoolean() ? " NOT NULL" : "");
      columns.add("c" + i);
    }
    int step = add(sql + ")", Set.of("table " + name), needsSchema(schema));
    List<Integer> columnSteps = new ArrayList<>();
    columns.forEach(column -> columnSteps.add(step));
    tables.add(new Table(name, step, columns, columnSteps, new boolean[1]));
  }

  private void addColumn() {
    Table table = table();
    String column = "c" + (table.columns().size()) + "x" + ++counter;
    Set<Integer> needs = new HashSet<>(Set.of(table.createdBy()));
    String type = type();
    if (!enums.isEmpty() && random.nextInt(3) == 0) {
      String[] chosen = enums.get(random.nextInt(enums.size()));
      type = chosen[0];
      needs.add(Integer.parseInt(chosen[1]));
    }
    String defaultValue =
        type.equals("integer") && random.nextBoolean()
            ? " NOT NULL DEFAULT " + random.nextInt(10)
            : "";
    int step =
        add(
            "ALTER TABLE " + table.name() + " ADD COLUMN " + column + " " + type + defaultValue,
            Set.of("column " + table.name() + "." + column),
            needs);
    table.columns().add(column);
    table.columnSteps().add(step);
  }

  private void createIndex() {
    Table table = table();
    int position = random.nextInt(table.columns().size());
    String index = "i" + ++counter;
    String schema = table.name().substring(0, table.name().indexOf('.'));
    String column = table.columns().get(position);
    String predicate = random.nextInt(4) == 0 ? " WHERE id > 10" : "";
    add(
        "CREATE "
            + (random.nextBoolean() ? "UNIQUE " : "")
            + "INDEX "
            + index
            + " ON "
            + table.name()
            + " ("
            + column
            + ")"
            + predicate,
        Set.of("index " + schema + "." + index),
        union(Set.of(table.createdBy()), Set.of(table.columnSteps().get(position))));
  }

  private void addCheck() {
    Table table = table();
    String constraint = "ck" + ++counter;
    add(
        "ALTER TABLE "
            + table.name()
            + " ADD CONSTRAINT "
            + constraint
            + " CHECK (id > "
            + random.nextInt(100)
            + ")"
            + (random.nextBoolean() ? " NOT VALID" : ""),
        Set.of("constraint " + table.name() + "." + constraint),
        Set.of(table.createdBy()));
  }

  private void createView() {
    Table table = table();
    String schema = schema();
    String view = schema + ".v" + ++counter;
    boolean materialized = random.nextInt(3) == 0;
    add(
        "CREATE "
            + (materialized ? "MATERIALIZED " : "")
            + "VIEW "
            + view
            + " AS SELECT id FROM "
            + table.name()
            + " WHERE id % "
            + (2 + random.nextInt(5))
            + " = 0",
        Set.of((materialized ? "materialized view " : "view ") + view),
        union(needsSchema(schema), Set.of(table.createdBy())));
  }

  private void createEnum() {
    String schema = schema();
    String name = schema + ".e" + ++counter;
    int step =
        add(
            "CREATE TYPE " + name + " AS ENUM ('a', 'b', 'c" + counter + "')",
            Set.of("enum " + name),
            needsSchema(schema));
    enums.add(new String[] {name, String.valueOf(step)});
  }

  private void createFunction() {
    String schema = schema();
    String name = schema + ".f" + ++counter;
    add(
        "CREATE FUNCTION "
            + name
            + "(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT $1 + "
            + random.nextInt(1000)
            + " $$",
        Set.of("function " + name + "(integer)"),
        needsSchema(schema));
  }

  private void createSequence() {
    String schema = schema();
    String name = schema + ".s" + ++counter;
    add(
        "CREATE SEQUENCE " + name + " INCREMENT " + (1 + random.nextInt(10)),
        Set.of("sequence " + name),
        needsSchema(schema));
  }

  private void commentTable() {
    Table table = table();
    if (table.commented()[0]) {
      createSequence();
      return;
    }
    table.commented()[0] = true;
    add(
        "COMMENT ON TABLE " + table.name() + " IS 'note " + counter + "'",
        Set.of("table " + table.name()),
        Set.of(table.createdBy()));
  }

  private int add(String sql, Set<String> touches, Set<Integer> needs) {
    int index = steps.size();
    steps.add(new Step(index, sql, touches, needs));
    return index;
  }

  private String schema() {
    return random.nextInt(3) == 0 ? "s2" : "public";
  }

  private Set<Integer> needsSchema(String schema) {
    return schema.equals("s2") ? Set.of(0) : Set.of();
  }

  private Table table() {
    return tables.get(random.nextInt(tables.size()));
  }

  private String type() {
    return TYPES[random.nextInt(TYPES.length)];
  }

  private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
    Set<Integer> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
