package io.chartreuse.release;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One stored revision of a release as listed (a Secret or ConfigMap named {@code object}), before
 * decoding. {@code revision} is -1 when the object's {@code version} label is not a number.
 */
record StoredRevision(String namespace, String name, int revision, String object, byte[] payload) {
  private static final String SECRET_TYPE = "helm.sh/release.v1";

  /**
   * Reads a listed Secret ({@code secret}) or ConfigMap from the parser at its start, streaming:
   * {@code data.release}, nearly all of a list's bytes, is never held as a String (a Secret's extra
   * base64 layer is decoded by the parser). Empty when the object holds no Helm release.
   */
  static Optional<StoredRevision> read(JsonParser parser, boolean secret) throws IOException {
    JsonNode metadata = MissingNode.getInstance();
    String type = "";
    byte[] payload = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("metadata")) {
        metadata = parser.readValueAsTree();
      } else if (field.equals("type")) {
        type = parser.getValueAsString("");
      } else if (field.equals("data") && value == JsonToken.START_OBJECT) {
        payload = release(parser, secret);
      } else {
        parser.skipChildren();
      }
    }
    if (payload == null || secret && !SECRET_TYPE.equals(type)) {
      return Optional.empty();
    }
    JsonNode labels = metadata.path("labels");
    String object = metadata.path("name").asText("");
    return Optional.of(
        new StoredRevision(
            metadata.path("namespace").asText(""),
            labels.path("name").asText(object),
            revision(labels.path("version").asText("0")),
            object,
            payload));
  }

  private static int revision(String label) {
    try {
      return Integer.parseInt(label);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** How the object is named in messages: {@code Secret sh.helm.release.v1.shop.v3}. */
  String describe(boolean secret) {
    return (secret ? "Secret " : "ConfigMap ") + object;
  }

  private static byte[] release(JsonParser parser, boolean secret) throws IOException {
    byte[] payload = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      boolean release = parser.currentName().equals("release");
      if (parser.nextToken() == JsonToken.VALUE_STRING && release) {
        payload =
            secret
                ? parser.getBinaryValue()
                : parser.getText().getBytes(StandardCharsets.ISO_8859_1);
      } else {
        parser.skipChildren();
      }
    }
    return payload;
  }
}
