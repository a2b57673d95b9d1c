package io.chartreuse.log;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * The last line of defence against leaking credentials: every line chartreuse writes passes through
 * here. Known secrets (passwords, URLs that carry them) are replaced wherever they appear, and any
 * {@code scheme://user:password@} or {@code password=} shape is masked even when the value is
 * unknown.
 */
public final class Redactor {
  static final String MASK = "****";
  private static final List<Pattern> SHAPES =
      List.of(
          Pattern.compile("(?<=://)([^:/@\\s]*):([^@\\s]*)@"),
          Pattern.compile("(?i)(?<=password=)[^&;\\s\"']+"));

  private final Set<String> secrets = new CopyOnWriteArraySet<>();

  /**
   * Registers a value that must never be printed. Short values are ignored: masking "a" would
   * garble text.
   */
  public void register(String secret) {
    if (secret != null && secret.length() >= 3) {
      secrets.add(secret);
      String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
      if (!encoded.equals(secret)) {
        secrets.add(encoded);
      }
    }
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    result = SHAPES.get(0).matcher(result).replaceAll("$1:" + MASK + "@");
    return SHAPES.get(1).matcher(result).replaceAll(MASK);
  }
}
