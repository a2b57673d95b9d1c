package io.chartreuse.engine.flyway;

import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.scanner.Scanner;

/**
 * The migrations of a split run, scanned once for all its steps. Flyway applies every pending
 * repeatable migration at the end of each migrate, whatever the target; a step that ends on a
 * target version therefore sees the locations without their repeatable migrations, and only the
 * last step sees them all, so they run once, after every versioned migration, in Flyway's own
 * order.
 */
final class StepProviders {
  private final Scanner<JavaMigration> scanner;
  private final String repeatablePrefix;

  StepProviders(Configuration configuration) {
    this.scanner = new Scanner<>(JavaMigration.class, configuration, configuration.getLocations());
    this.repeatablePrefix = configuration.getRepeatableSqlMigrationPrefix();
  }

  /**
   * Gives {@code configuration} the scanned migrations, without the repeatable ones unless {@code
   * withRepeatables}.
   */
  FluentConfiguration apply(FluentConfiguration configuration, boolean withRepeatables) {
    return withRepeatables
        ? configuration.resourceProvider(scanner).javaMigrationClassProvider(scanner)
        : configuration
            .resourceProvider(versionedResources())
            .javaMigrationClassProvider(versionedClasses());
  }

  /** Flyway's SQL resolver asks once per prefix; the repeatable prefix gets nothing. */
  private ResourceProvider versionedResources() {
    return new ResourceProvider() {
      @Override
      public LoadableResource getResource(String name) {
        return scanner.getResource(name);
      }

      @Override
      public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
        return prefix.equals(repeatablePrefix) ? List.of() : scanner.getResources(prefix, suffixes);
      }
    };
  }

  /**
   * A Java migration is repeatable when it has no version; Flyway learns that from an instance too.
   */
  private ClassProvider<JavaMigration> versionedClasses() {
    List<Class<? extends JavaMigration>> versioned =
        scanner.getClasses().stream().filter(type -> versionOf(type) != null).toList();
    return () -> versioned;
  }

  private static Object versionOf(Class<? extends JavaMigration> type) {
    try {
      return type.getDeclaredConstructor().newInstance().getVersion();
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Flyway reports a class it cannot instantiate when it resolves it; keep it for that.
      return Boolean.TRUE;
    }
  }
}
