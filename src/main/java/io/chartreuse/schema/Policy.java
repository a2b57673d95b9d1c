package io.chartreuse.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A row-level security policy, named {@code schema.table.policy}. */
public record Policy(
    String name,
    String table,
    boolean permissive,
    String command,
    List<String> roles,
    Optional<String> using,
    Optional<String> withCheck,
    Optional<String> comment)
    implements SchemaObject {
  public Policy {
    roles = roles.stream().sorted().toList();
  }

  @Override
  public String kind() {
    return "policy";
  }

  @Override
  public Optional<String> parent() {
    return Optional.of(SchemaObject.tableKey(table));
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes(
        "permissive",
        permissive,
        "command",
        command,
        "roles",
        roles,
        "using",
        using,
        "with check",
        withCheck,
        "comment",
        comment);
  }
}
