package io.chartreuse.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package rules of docs/design.md: each package of the product may use only the packages its
 * row names (and libraries). A new package fails {@link #everyPackageHasARow} until it is given a
 * row here and in the table of docs/design.md.
 */
class ArchitectureTest {
  private static final String ROOT = "io.chartreuse";

  /** Who may import whom: the same table as docs/design.md, bottom layer first. */
  static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

  static {
    MAY_USE.put("exit", Set.of());
    MAY_USE.put("log", Set.of());
    MAY_USE.put("progress", Set.of());
    MAY_USE.put("terminal", Set.of());
    MAY_USE.put("config", Set.of("exit"));
    MAY_USE.put("version", Set.of("config", "exit"));
    MAY_USE.put("schema", Set.of());
    MAY_USE.put("schema.catalog", Set.of("schema"));
    MAY_USE.put("schema.diff", Set.of("schema"));
    MAY_USE.put("schema.store", Set.of("schema"));
    MAY_USE.put("db", Set.of("config", "exit", "log", "schema.store"));
    MAY_USE.put("engine", Set.of("exit"));
    MAY_USE.put("engine.flyway", Set.of("engine", "config", "db", "exit", "log"));
    MAY_USE.put("engine.alembic", Set.of("engine", "config", "db", "exit", "log"));
    MAY_USE.put("compat", Set.of("engine", "config", "exit", "log"));
    MAY_USE.put("live", Set.of("engine", "config", "db", "exit", "log"));
    MAY_USE.put("report", Set.of("engine", "exit", "schema.diff"));
    MAY_USE.put("status", Set.of("report", "engine", "schema.diff", "terminal"));
    MAY_USE.put(
        "runner",
        Set.of(
            "config",
            "db",
            "engine",
            "engine.flyway",
            "engine.alembic",
            "compat",
            "live",
            "report",
            "log",
            "exit",
            "schema",
            "schema.catalog",
            "schema.diff",
            "schema.store",
            "version"));
    MAY_USE.put(
        "check",
        Set.of(
            "config",
            "db",
            "engine",
            "compat",
            "runner",
            "schema",
            "schema.catalog",
            "schema.diff",
            "schema.store",
            "log",
            "exit"));
    MAY_USE.put("kube", Set.of("config", "log", "exit"));
    MAY_USE.put(
        "record", Set.of("kube", "runner", "status", "report", "schema.diff", "log", "exit"));
    MAY_USE.put(
        "workloads", Set.of("kube", "record", "runner", "config", "progress", "log", "exit"));
    MAY_USE.put(
        "release", Set.of("kube", "record", "status", "progress", "terminal", "log", "exit"));
    MAY_USE.put("cli", Set.of("*"));
  }

  private static JavaClasses product;

  @BeforeAll
  static void importProduct() {
    product =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void everyPackageHasARow() {
    Set<String> packages =
        product.stream()
            .map(JavaClass::getPackageName)
            .filter(name -> name.startsWith(ROOT + "."))
            .map(name -> name.substring(ROOT.length() + 1))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(MAY_USE.keySet()),
        packages,
        "every package of the product needs a row in ArchitectureTest.MAY_USE and in docs/design.md");
  }

  @Test
  void noCycleBetweenPackages() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(product);
  }

  static Stream<String> packages() {
    return MAY_USE.keySet().stream().filter(name -> !MAY_USE.get(name).contains("*"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packages")
  void usesOnlyWhatItsRowAllows(String name) {
    String[] allowed =
        Stream.concat(Stream.of(name), MAY_USE.get(name).stream())
            .map(p -> ROOT + "." + p)
            .toArray(String[]::new);
    classes()
        .that()
        .resideInAPackage(ROOT + "." + name)
        .should()
        .onlyDependOnClassesThat(not(resideInAPackage(ROOT + "..")).or(resideInAnyPackage(allowed)))
        .because(
            "docs/design.md: "
                + name
                + " may use "
                + (MAY_USE.get(name).isEmpty() ? "no other package" : MAY_USE.get(name)))
        .check(product);
  }
}
