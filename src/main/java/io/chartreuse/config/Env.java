package io.chartreuse.config;

import io.chartreuse.exit.ChartreuseException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of the process environment; a value that does not parse is a usage error naming the
 * variable.
 */
public record Env(Map<String, String> variables) {

  public static Env system() {
    return new Env(System.getenv());
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  /** A set, non-blank value. */
  public Optional<String> text(String name) {
    return get(name).map(String::trim).filter(v -> !v.isEmpty());
  }

  public boolean isSet(String name) {
    return variables.containsKey(name);
  }

  public boolean bool(String name, boolean fallback) {
    return get(name).map(BooleanValue::parse).orElse(fallback);
  }

  public Duration seconds(String name, long fallback) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return Duration.ofSeconds(fallback);
    }
    try {
      long value = Long.parseLong(raw.get());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(value);
    } catch (NumberFormatException e) {
      throw ChartreuseException.usage(
          name + " must be a whole number of seconds (0 or more), got '" + raw.get() + "'");
    }
  }

  public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.toString().equalsIgnoreCase(raw.get())) {
        return constant;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(constant);
    }
    throw ChartreuseException.usage(
        name + " must be one of " + allowed + ", got '" + raw.get() + "'");
  }
}
