package io.chartreuse.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The JSON form of snapshots and diffs: snake_case keys, absent values left out (a stored snapshot
 * of thousands of tables stays small), compact. The same snapshot always gives the same bytes, so
 * its SHA-256 identifies it.
 */
public final class SnapshotJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_ABSENT)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SnapshotJson() {}

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serializable: " + e.getOriginalMessage(), e);
    }
  }

  public static SchemaSnapshot snapshot(byte[] json) {
    try {
      return MAPPER.readValue(json, SchemaSnapshot.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a schema snapshot: " + e.getMessage(), e);
    }
  }

  /** Hex SHA-256 of the snapshot's JSON. */
  public static String sha256(SchemaSnapshot snapshot) {
    return sha256(bytes(snapshot));
  }

  public static String sha256(byte[] json) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
