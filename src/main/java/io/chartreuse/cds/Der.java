package io.chartreuse.cds;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The few DER encodings an X.509 certificate needs (the JDK parses certificates but has no public API to make one). */
final class Der {
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private Der() {}

  static byte[] sequence(byte[]... parts) {
    return tagged(0x30, parts);
  }

  static byte[] set(byte[]... parts) {
    return tagged(0x31, parts);
  }

  static byte[] integer(BigInteger value) {
    return tagged(0x02, value.toByteArray());
  }

  static byte[] bool(boolean value) {
    return tagged(0x01, new byte[] {(byte) (value ? 0xff : 0)});
  }

  static byte[] nothing() {
    return tagged(0x05);
  }

  static byte[] utf8(String text) {
    return tagged(0x0c, text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] utcTime(Instant time) {
    return tagged(0x17, UTC_TIME.format(time).getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] bitString(byte[] bits) {
    return tagged(0x03, new byte[] {0}, bits);
  }

  static byte[] octetString(byte[] content) {
    return tagged(0x04, content);
  }

  /** {@code [n] EXPLICIT}: wraps a whole encoding. */
  static byte[] explicit(int n, byte[] inner) {
    return tagged(0xa0 | n, inner);
  }

  /** {@code [n] IMPLICIT} of a primitive value: replaces its tag. */
  static byte[] implicit(int n, byte[] content) {
    return tagged(0x80 | n, content);
  }

  static byte[] oid(int... arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(40 * arcs[0] + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      int arc = arcs[i];
      for (int shift = 28; shift > 0; shift -= 7) {
        if (arc >= 1 << shift) {
          out.write(0x80 | (arc >>> shift) & 0x7f);
        }
      }
      out.write(arc & 0x7f);
    }
    return tagged(0x06, out.toByteArray());
  }

  private static byte[] tagged(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    int length = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else {
      byte[] digits = BigInteger.valueOf(length).toByteArray();
      int skip = digits[0] == 0 ? 1 : 0;
      out.write(0x80 | digits.length - skip);
      out.write(digits, skip, digits.length - skip);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
