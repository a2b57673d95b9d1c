package io.chartreuse.schema.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip in memory: a snapshot's JSON compresses about tenfold (names and definitions repeat). */
final class GzipJson {
  private GzipJson() {}

  static byte[] compress(byte[] json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip in memory failed", e);
    }
    return out.toByteArray();
  }

  static byte[] decompress(byte[] compressed) {
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return gzip.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(
          "the stored schema snapshot is not valid gzip: " + e.getMessage(), e);
    }
  }
}
