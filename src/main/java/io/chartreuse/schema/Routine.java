package io.chartreuse.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function, procedure, aggregate or window function, named by its signature ({@code
 * schema.f(integer, text)}) since PostgreSQL overloads names. The body is kept as a SHA-256 hash:
 * enough to say "body changed", small enough to store thousands.
 */
public record Routine(
    String name,
    String type,
    String arguments,
    Optional<String> result,
    String language,
    String volatility,
    boolean strict,
    boolean securityDefiner,
    boolean leakproof,
    String parallel,
    List<String> settings,
    String bodySha256,
    Optional<String> comment)
    implements SchemaObject {
  public Routine {
    settings = settings.stream().sorted().toList();
  }

  @Override
  public String kind() {
    return type;
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes(
        "arguments",
        arguments,
        "result",
        result,
        "language",
        language,
        "volatility",
        volatility,
        "strict",
        strict,
        "security definer",
        securityDefiner,
        "leakproof",
        leakproof,
        "parallel",
        parallel,
        "settings",
        settings,
        "body",
        bodySha256,
        "comment",
        comment);
  }
}
