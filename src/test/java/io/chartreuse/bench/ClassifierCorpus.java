package io.chartreuse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The generated corpus of the classifier-vs-squawk benchmark: migration statements of the shapes
 * real histories hold, each written four ways (lower case, upper-case keywords, quoted names,
 * schema-qualified names). {@code {T}} is a table, {@code {U}} a second table, {@code {C}} a
 * column, {@code {I}} an index, {@code {E}} an enum type.
 */
final class ClassifierCorpus {
  /** One file of the corpus: the template it came from, the way it is written, its SQL. */
  record Entry(String template, String variant, String sql) {}

  static final List<String> TEMPLATES =
      List.of(
          "create table {U} (id bigint primary key, {C} text);",
          "create index concurrently {I} on {T} ({C});",
          "create index {I} on {T} ({C});",
          "create unique index concurrently {I} on {T} ({C});",
          "create view v_{I} as select id from {T};",
          "create sequence s_{I};",
          "create type {E} as enum ('a', 'b');",
          "create function f_{I}() returns int language sql as $$ select 1 $$;",
          "alter table {T} add column {C}2 text;",
          "alter table {T} add column {C}2 integer not null default 0;",
          "alter table {T} add column {C}2 timestamptz default now();",
          "alter table {T} add column {C}2 uuid default gen_random_uuid();",
          "alter table {T} add column {C}2 integer not null;",
          "alter type {E} add value 'c';",
          "alter table {T} add constraint {I}_check check ({C} <> '') not valid;",
          "alter table {T} add constraint {I}_fk foreign key ({C}) references {U} (id) not valid;",
          "alter table {T} validate constraint {I}_check;",
          "alter table {T} add constraint {I}_check check ({C} <> '');",
          "alter table {T} add constraint {I}_fk foreign key ({C}) references {U} (id);",
          "alter table {T} add constraint {I}_unique unique ({C});",
          "alter table {T} add primary key (id);",
          "comment on table {T} is 'orders';",
          "grant select on {T} to reader;",
          "insert into {T} (id, {C}) values (1, 'seed');",
          "drop table {T};",
          "drop view v_{I};",
          "drop function f_{I}();",
          "drop type {E};",
          "alter table {T} drop column {C};",
          "alter table {T} rename column {C} to {C}2;",
          "alter table {T} rename to {I}_renamed;",
          "alter table {T} alter column {C} type varchar(200);",
          "alter table {T} alter column {C} set not null;",
          "alter table {T} alter column {C} drop not null;",
          "alter table {T} alter column {C} drop default;",
          "alter table {T} alter column {C} set default 'x';",
          "drop index concurrently {I};",
          "drop index {I};",
          "update {T} set {C} = '' where {C} is null;",
          "delete from {T} where id < 0;",
          "truncate {T};",
          "do $$ begin perform 1; end $$;",
          "create or replace view v_{I} as select id from {T};",
          "create function f_{I}() returns trigger language plpgsql as $$ begin drop table {T}; return new; end $$;",
          "-- drop table {T};\ncreate table {U} (id int);",
          "vacuum full {T};",
          "cluster {T} using {I};",
          "refresh materialized view mv_{I};",
          "alter table {T} set tablespace fast;");

  private static final String[][] VARIANTS = {
    {"lower", "orders", "customers", "note", "mood"},
    {"upper", "orders", "customers", "note", "mood"},
    {"quoted", "\"Orders\"", "\"Customers\"", "\"Note\"", "\"Mood\""},
    {"qualified", "shop.orders", "shop.customers", "note", "shop.mood"}
  };

  private ClassifierCorpus() {}

  static List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (String template : TEMPLATES) {
      for (String[] variant : VARIANTS) {
        String sql = variant[0].equals("upper") ? upperKeywords(template) : template;
        // A quoted name with a suffix ("Note"2) is not one identifier: suffix inside the quotes.
        sql =
            sql.replace(
                    "{C}2",
                    variant[3].endsWith("\"")
                        ? variant[3].replaceAll("\"$", "2\"")
                        : variant[3] + "2")
                .replace("{T}", variant[1])
                .replace("{U}", variant[2])
                .replace("{C}", variant[3])
                .replace("{E}", variant[4]);
        // Prefixes and suffixes around {I} (v_{I}, {I}_check) belong to the same identifier, inside
        // its quotes.
        sql =
            sql.replaceAll(
                "(\\w*)\\{I}(\\w*)",
                variant[0].equals("quoted") ? "\"$1Orders_note$2\"" : "$1orders_note$2");
        entries.add(new Entry(template, variant[0], sql));
      }
    }
    return entries;
  }

  /**
   * Upper-cases everything but string literals and placeholders: keywords and unquoted names, as
   * some people write.
   */
  private static String upperKeywords(String sql) {
    return java.util.regex.Pattern.compile("'[^']*'|\\{[A-Z]}|[^'{]+|.")
        .matcher(sql)
        .replaceAll(
            m ->
                java.util.regex.Matcher.quoteReplacement(
                    m.group().startsWith("'") || m.group().matches("\\{[A-Z]}")
                        ? m.group()
                        : m.group().toUpperCase(Locale.ROOT)));
  }
}
