package io.chartreuse.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The items of a Kubernetes list response, read as it streams in: one JSON tree per item, handed
 * over at once so that the caller can keep only what it needs of each; the list's own fields are
 * skipped.
 */
public final class ListItems {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ListItems() {}

  /** Reads one item, from the parser at its START_OBJECT to its END_OBJECT. */
  @FunctionalInterface
  public interface ItemReader {
    void read(JsonParser item) throws IOException;
  }

  public static void forEach(InputStream body, Consumer<JsonNode> action) throws IOException {
    forEachParsed(body, item -> action.accept(item.readValueAsTree()));
  }

  /** For items too large to build as trees: the reader streams each one itself. */
  public static void forEachParsed(InputStream body, ItemReader reader) throws IOException {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the API server's answer is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean items = "items".equals(parser.currentName());
        if (parser.nextToken() == JsonToken.START_ARRAY && items) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            reader.read(parser);
          }
        } else {
          parser.skipChildren();
        }
      }
    }
  }

  /** {@code metadata.<field>} of an item, or "" (the API server always sets name and namespace). */
  public static String metadata(JsonNode item, String field) {
    return item.path("metadata").path(field).asText("");
  }

  public static Optional<String> label(JsonNode item, String key) {
    return Optional.ofNullable(item.path("metadata").path("labels").path(key).asText(null));
  }

  public static Optional<String> annotation(JsonNode item, String key) {
    return Optional.ofNullable(item.path("metadata").path("annotations").path(key).asText(null));
  }
}
