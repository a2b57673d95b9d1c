package io.chartreuse.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema diff of each pending migration on the shadow database as a second source of truth for
 * its verdict: it confirms the static verdict, or corrects a compatible one that turns out to break
 * running code. It never lowers a breaking or unknown verdict: a schema diff does not see data
 * changes (a backfill) or bodies that running code calls, so "nothing breaking in the schema" is
 * not proof of compatibility. Every disagreement is said.
 */
final class ShadowVerdicts {
  private ShadowVerdicts() {}

  static List<CheckReport.PendingVerdict> check(
      List<CheckReport.PendingVerdict> inferred, Map<String, ShadowReplay.Step> steps) {
    return inferred.stream().map(verdict -> check(verdict, steps.get(verdict.version()))).toList();
  }

  private static CheckReport.PendingVerdict check(
      CheckReport.PendingVerdict verdict, ShadowReplay.Step step) {
    if (step == null) {
      return verdict.withShadow("not applied to the shadow database (an earlier one failed there)");
    }
    if (step.failure().isPresent()) {
      return verdict.withShadow(step.failure().get());
    }
    boolean breaks = !step.breaking().isEmpty();
    String changes = String.join("; ", step.breaking());
    if (verdict.verdict().equals("compatible")) {
      return breaks
          ? new CheckReport.PendingVerdict(
              verdict.version(),
              "breaking",
              verdict.declared(),
              verdict.reasons(),
              Optional.of(
                  "corrected by the shadow database (the SQL was judged compatible"
                      + (verdict.declared() ? ", as declared" : "")
                      + "): "
                      + changes))
          : verdict.withShadow("confirmed by the shadow database: no breaking schema change");
    }
    return breaks
        ? verdict.withShadow("confirmed by the shadow database: " + changes)
        : verdict.withShadow(
            "the shadow database shows no breaking schema change; the verdict stays "
                + verdict.verdict()
                + " (a schema diff does not see data changes or what running code calls)");
  }
}
