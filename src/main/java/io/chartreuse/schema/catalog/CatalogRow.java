package io.chartreuse.schema.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Typed reads of the current row of a catalog query, by column label. */
final class CatalogRow {
  private final ResultSet rows;

  CatalogRow(ResultSet rows) {
    this.rows = rows;
  }

  String text(String column) throws SQLException {
    return rows.getString(column);
  }

  Optional<String> optional(String column) throws SQLException {
    return Optional.ofNullable(rows.getString(column));
  }

  boolean flag(String column) throws SQLException {
    return rows.getBoolean(column);
  }

  long number(String column) throws SQLException {
    return rows.getLong(column);
  }

  /** A {@code text[]} column; null reads as empty. */
  List<String> list(String column) throws SQLException {
    Array array = rows.getArray(column);
    if (array == null) {
      return List.of();
    }
    try {
      return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    } finally {
      array.free();
    }
  }
}
