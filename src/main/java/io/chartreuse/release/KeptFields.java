package io.chartreuse.release;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON object from a stream keeping only some of its fields: {@code whole} ones as they
 * are, {@code filtered} ones (objects) by the same rule one level down. Everything else is skipped
 * by the tokenizer without being built, which is most of a stored Helm release (the chart's
 * templates, files and values, the user's values).
 */
record KeptFields(Set<String> whole, Map<String, KeptFields> filtered) {
  static KeptFields only(String... whole) {
    return new KeptFields(Set.of(whole), Map.of());
  }

  /** The object the parser is at (or about to reach). */
  ObjectNode read(JsonParser parser) throws IOException {
    JsonToken start = parser.currentToken() == null ? parser.nextToken() : parser.currentToken();
    if (start != JsonToken.START_OBJECT) {
      throw new IOException("expected a JSON object, found " + start);
    }
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (whole.contains(field)) {
        kept.set(field, parser.readValueAsTree());
      } else if (filtered.containsKey(field) && value == JsonToken.START_OBJECT) {
        kept.set(field, filtered.get(field).read(parser));
      } else {
        parser.skipChildren();
      }
    }
    return kept;
  }
}
