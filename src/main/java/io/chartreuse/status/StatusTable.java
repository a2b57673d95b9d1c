package io.chartreuse.status;

import io.chartreuse.terminal.Age;
import io.chartreuse.terminal.Palette;
import io.chartreuse.terminal.Tone;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code chartreuse status} as a table, read like kubectl's: one row per database of each release
 * (a release without a record: one row), times as ages, the namespace only across namespaces, the
 * database only when a release has one not called {@code default}. The default columns fit a
 * 120-column terminal; {@code -o wide} adds the Helm revision, chart, engine, schema versions and
 * every verdict. Colour (when the palette has it) marks what needs a look: pending in yellow, drift
 * and failures in red, stranded Deployments highlighted.
 */
public final class StatusTable {
  /** How to draw: wide or not, with a NAMESPACE column or not, coloured or not, ages from when. */
  public record Style(boolean wide, boolean namespaces, Palette palette, Instant now) {}

  private enum Column {
    NAMESPACE("NAMESPACE", false),
    RELEASE("RELEASE", false),
    REV("REV", true),
    HELM("HELM", false),
    CHART("CHART", true),
    DATABASE("DATABASE", false),
    ENGINE("ENGINE", true),
    CURRENT("CURRENT", true),
    HEAD("HEAD", true),
    PENDING("PENDING", false),
    VERDICTS("VERDICTS", true),
    DRIFT("DRIFT", false),
    LAST_RUN("LAST RUN", false),
    AGE("AGE", false),
    STRANDED("STRANDED", false);

    final String header;
    final boolean wideOnly;

    Column(String header, boolean wideOnly) {
      this.header = header;
      this.wideOnly = wideOnly;
    }
  }

  private final Style style;

  public StatusTable(Style style) {
    this.style = style;
  }

  /** Plain, default width, with namespaces: for tests and logs. */
  public StatusTable() {
    this(new Style(false, true, Palette.of(false), Instant.now()));
  }

  public String render(List<ReleaseStatus> releases) {
    List<Map<Column, Cell>> rows = new ArrayList<>();
    for (ReleaseStatus release : releases) {
      rows.addAll(rows(release));
    }
    return format(rows);
  }

  private List<Map<Column, Cell>> rows(ReleaseStatus release) {
    List<Map<Column, Cell>> rows = new ArrayList<>();
    Cell stranded = StatusCells.stranded(release.strandedDeployments());
    for (ReleaseStatus.Instance instance : release.instances()) {
      if (instance.problem().isPresent()) {
        rows.add(
            bare(
                release,
                instance.statusConfigMap(),
                new Cell("unreadable record", Tone.PROBLEM),
                Optional.empty(),
                stranded));
      }
      if (instance.record().isEmpty()) {
        continue;
      }
      StatusDocument record = instance.record().get();
      // Several chartreuse subcharts in one release: name the instance (its record minus
      // "-status").
      String prefix =
          release.instances().size() > 1
              ? instance.statusConfigMap().replaceFirst("-status$", "") + "/"
              : "";
      StatusDocument.LastRun run = record.lastRun();
      Cell lastRun =
          StatusCells.cannotStart(release)
              .orElse(
                  new Cell(
                      run.outcome(),
                      StatusCells.FAILED_RUNS.contains(run.outcome())
                          ? Tone.PROBLEM
                          : run.outcome().equals("running") ? Tone.NOTICE : Tone.PLAIN));
      Optional<Instant> when = Optional.of(run.finishedAt().orElse(run.startedAt()));
      for (StatusDocument.DatabaseEntry database : record.databases()) {
        Map<Column, Cell> row = releaseCells(release);
        row.put(Column.DATABASE, Cell.plain(prefix + database.name()));
        row.put(Column.ENGINE, Cell.plain(database.engine()));
        row.put(Column.CURRENT, Cell.plain(database.current().orElse("-")));
        row.put(Column.HEAD, Cell.plain(database.head().orElse("-")));
        row.put(Column.PENDING, StatusCells.pending(database));
        row.put(Column.VERDICTS, Cell.plain(StatusCells.verdicts(database)));
        row.put(Column.DRIFT, StatusCells.drift(database));
        row.put(Column.LAST_RUN, lastRun);
        row.put(Column.AGE, age(when));
        row.put(Column.STRANDED, stranded);
        rows.add(row);
      }
    }
    if (rows.isEmpty()) {
      Optional<ReleaseStatus.HookRun> hook = release.migrationHooks().stream().findFirst();
      Cell lastRun =
          release.problem().isPresent()
              ? Cell.plain("-")
              : StatusCells.cannotStart(release)
                  .orElse(
                      hook.map(h -> StatusCells.hookCell(h.phase())).orElse(Cell.plain("never")));
      Optional<Instant> when =
          hook.flatMap(h -> h.completedAt().or(h::startedAt)).flatMap(StatusTable::instant);
      rows.add(bare(release, "-", lastRun, when, stranded));
    }
    return rows;
  }

  private Map<Column, Cell> releaseCells(ReleaseStatus release) {
    Map<Column, Cell> row = new EnumMap<>(Column.class);
    row.put(Column.NAMESPACE, Cell.plain(release.namespace()));
    row.put(Column.RELEASE, Cell.plain(release.release()));
    row.put(
        Column.REV, Cell.plain(release.revision() < 0 ? "?" : String.valueOf(release.revision())));
    row.put(Column.HELM, StatusCells.helm(release.helmStatus()));
    row.put(Column.CHART, Cell.plain(release.chart()));
    return row;
  }

  /**
   * A row without a database: a release never migrated, unreadable, or with an unreadable record.
   */
  private Map<Column, Cell> bare(
      ReleaseStatus release, String database, Cell lastRun, Optional<Instant> when, Cell stranded) {
    Map<Column, Cell> row = releaseCells(release);
    row.put(Column.DATABASE, Cell.plain(database));
    for (Column column :
        List.of(
            Column.ENGINE,
            Column.CURRENT,
            Column.HEAD,
            Column.PENDING,
            Column.VERDICTS,
            Column.DRIFT)) {
      row.put(column, Cell.plain("-"));
    }
    row.put(Column.LAST_RUN, lastRun);
    row.put(Column.AGE, age(when));
    row.put(Column.STRANDED, stranded);
    return row;
  }

  private Cell age(Optional<Instant> when) {
    return when.map(w -> Cell.plain(Age.of(Duration.between(w, style.now()))))
        .orElse(Cell.plain("-"));
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private String format(List<Map<Column, Cell>> rows) {
    List<Column> columns =
        Stream.of(Column.values())
            .filter(c -> style.wide() || !c.wideOnly)
            .filter(c -> style.namespaces() || c != Column.NAMESPACE)
            .filter(c -> c != Column.DATABASE || style.wide() || !onlyDefault(rows))
            .toList();
    Map<Column, Integer> widths = new EnumMap<>(Column.class);
    for (Column column : columns) {
      int width = column.header.length();
      for (Map<Column, Cell> row : rows) {
        width = Math.max(width, row.get(column).text().length());
      }
      widths.put(column, width);
    }
    StringBuilder out = new StringBuilder();
    out.append(line(columns, widths, column -> Cell.plain(column.header)));
    for (Map<Column, Cell> row : rows) {
      out.append(line(columns, widths, row::get));
    }
    return out.toString();
  }

  /** Every row's database is the one a single-database release has: the column says nothing. */
  private static boolean onlyDefault(List<Map<Column, Cell>> rows) {
    return rows.stream().allMatch(row -> row.get(Column.DATABASE).text().matches("default|-"));
  }

  /** Padded on the plain text (colour codes have no width), three spaces apart as kubectl does. */
  private String line(
      List<Column> columns,
      Map<Column, Integer> widths,
      java.util.function.Function<Column, Cell> cells) {
    StringBuilder line = new StringBuilder();
    int pending = 0;
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      Cell cell = cells.apply(column);
      line.append(" ".repeat(pending));
      line.append(style.palette().paint(cell.text(), cell.tone()));
      pending = widths.get(column) - cell.text().length() + 3;
    }
    return line.append('\n').toString();
  }
}
