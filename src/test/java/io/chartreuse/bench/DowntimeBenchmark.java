package io.chartreuse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartreuse.bench.ClusterRecorder.Event;
import io.chartreuse.bench.ClusterRecorder.Kind;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.Await;
import io.chartreuse.testing.FakeKubelet;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.RunnerIdentity;
import io.chartreuse.testkube.Workload;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark of issue 4: the downtime that {@code chartreuse run} adds around a migration — from
 * the first Deployment scaled to 0 until the migration starts, and from the migration's end until
 * every Deployment is scaled back — for 1, 10 and 50 Deployments on the real control plane ({@link
 * TestCluster}), with the {@link FakeKubelet} running and deleting pods as a kubelet does, the
 * runner as a process with the documented Role ({@link RunnerIdentity}) and a real PostgreSQL.
 *
 * <p>Each size gets a fresh namespace with N Deployments of 1 replica (priorities 20, 10, 0 in
 * turn, an HPA on every fourth), one database, a warm-up run, then {@code --runs} measured runs,
 * each with one new small migration. Every run waits for the release to be back to its steady state
 * (every Deployment at 1 available replica, no pod terminating, no HPA paused) before the next.
 *
 * <p>Times come from three clocks on the same host: the runner's JSON log lines ({@code
 * --log-format json}), its JSON report ({@code stop_duration}, {@code start_duration}), and watch
 * events on Deployments and pods ({@link ClusterRecorder}). The runner's requests are counted from
 * the API server's own metrics ({@link ApiRequestCounts}). Not a test (surefire never runs it):
 * {@code bench/deployment-downtime} runs it.
 *
 * <p>Arguments: {@code --sizes 1,10,50 --runs 5 --warmup 1 --out target/bench}; with {@code
 * --policies always,breaking}, {@link PolicyDowntime} compares stop policies instead.
 */
public final class DowntimeBenchmark {
  static final String RELEASE = "bench";
  static final String STATUS = "bench-chartreuse-status";
  static final int[] PRIORITIES = {20, 10, 0};
  static final Duration STEADY_TIMEOUT = Duration.ofMinutes(3);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    List<Integer> sizes =
        Arrays.stream(options.getOrDefault("sizes", "1,10,50").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .toList();
    int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
    Path out = TestCluster.basedir().resolve(options.getOrDefault("out", "target/bench"));
    Files.createDirectories(out);

    if (options.containsKey("policies")) {
      PolicyDowntime.main(sizes, runs, warmup, out, List.of(options.get("policies").split(",")));
      System.exit(0); // informers and the fake kubelet's threads
    }
    long t0 = System.nanoTime();
    TestCluster cluster = TestCluster.shared();
    TestPostgres.get();
    say(
        "control plane "
            + cluster.apiServer()
            + ", PostgreSQL ready; sizes "
            + sizes
            + ", "
            + warmup
            + " warm-up + "
            + runs
            + " measured runs each; load average "
            + loadAverage());

    List<RunResult> results = new ArrayList<>();
    for (int n : sizes) {
      say("N=" + n + ": load average " + loadAverage());
      try (Scenario scenario = new Scenario(cluster, n, out.resolve("work"))) {
        for (int i = 0; i < warmup + runs; i++) {
          boolean measured = i >= warmup;
          RunResult result = scenario.run(i, measured);
          say(result.line());
          if (measured) {
            results.add(result);
          }
        }
      }
    }

    String table = Summary.markdown(results, sizes);
    Files.writeString(out.resolve("deployment-downtime.md"), table);
    Files.writeString(
        out.resolve("deployment-downtime.json"), JSON.writeValueAsString(Summary.json(results)));
    System.out.println(table);
    say(
        String.format(
            Locale.ROOT,
            "done in %.0f s; load average %s; raw runs in %s",
            (System.nanoTime() - t0) / 1e9,
            loadAverage(),
            out.resolve("deployment-downtime.json")));
    System.exit(0); // informers and the fake kubelet's threads
  }

  static void say(String line) {
    System.err.println("[bench] " + line);
    System.err.flush();
  }

  static String loadAverage() {
    try {
      return String.join(
          " ",
          Arrays.asList(Files.readString(Path.of("/proc/loadavg")).trim().split(" "))
              .subList(0, 3));
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: DowntimeBenchmark [--sizes 1,10,50] [--runs 5] [--warmup 1] [--out target/bench]"
                + " [--policies always,breaking]");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  // ----------------------------------------------------------------------------------------------

  /** One release of N Deployments in its own namespace, and its database. */
  static final class Scenario implements AutoCloseable {
    final TestCluster cluster;
    final int n;
    final Path dir;
    final String namespace;
    final FakeKubelet kubelet;
    final RunnerIdentity identity;
    final Workload workload;
    final ClusterRecorder recorder;
    final ApiRequestCounts requests;
    final TestDatabase database;
    final MigrationFiles migrations;
    final List<String> names = new ArrayList<>();
    final Map<String, Integer> priority = new LinkedHashMap<>();
    int hpas;

    Scenario(TestCluster cluster, int n, Path work) {
      this.cluster = cluster;
      this.n = n;
      long t0 = System.nanoTime();
      namespace = cluster.createNamespace("bench-" + n);
      dir = work.resolve(namespace);
      kubelet = new FakeKubelet(cluster, namespace).start();
      identity = new RunnerIdentity(cluster, namespace, STATUS);
      identity.grant(rules -> rules);
      workload = new Workload(cluster, namespace, RELEASE);
      for (int i = 0; i < n; i++) {
        String name = String.format(Locale.ROOT, "app-%02d", i);
        workload.deployment(name, 1, PRIORITIES[i % PRIORITIES.length]);
        if (i % 4 == 0) {
          workload.hpa(name);
          hpas++;
        }
        names.add(name);
        priority.put(name, PRIORITIES[i % PRIORITIES.length]);
      }
      recorder = new ClusterRecorder(cluster.admin(), namespace).start();
      requests = new ApiRequestCounts(cluster.admin(), cluster.apiServer().toString());
      awaitSteady();
      database = TestPostgres.get().createDatabase("bench" + n);
      migrations = new MigrationFiles(dir.resolve("migrations"));
      say(
          String.format(
              Locale.ROOT,
              "N=%d: namespace %s, %d Deployments running (%d with an HPA, priorities %s) in %.1f s",
              n,
              namespace,
              n,
              hpas,
              new java.util.TreeSet<>(priority.values()).descendingSet(),
              (System.nanoTime() - t0) / 1e9));
    }

    /**
     * Run {@code index} adds migration V{index+1} (the warm-up migrates the empty database to V1).
     */
    RunResult run(int index, boolean measured) throws Exception {
      addMigration(index + 1);
      CliProcess runner = runner();

      ApiRequestCounts.Snapshot before = requests.read();
      recorder.clear();
      CliProcess.Result result = runner.start().await(Duration.ofMinutes(5));
      ApiRequestCounts.Snapshot calls = requests.read().minus(before);
      if (result.exitCode() != 0) {
        throw new IllegalStateException(
            "N="
                + n
                + " run "
                + index
                + ": chartreuse run exited "
                + result.exitCode()
                + "\n"
                + result.all());
      }
      JsonNode report = JSON.readTree(result.stdout());
      if (!"migrated".equals(report.path("outcome").asText())
          || report.path("stopped_deployments").size() != n) {
        throw new IllegalStateException(
            "N=" + n + " run " + index + ": unexpected report\n" + result.stdout());
      }
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("run-" + index + ".stderr.jsonl"), result.stderr());
      Files.writeString(dir.resolve("run-" + index + ".report.json"), result.stdout());
      awaitSteady();
      List<Event> events = recorder.events();
      Files.writeString(
          dir.resolve("run-" + index + ".events.tsv"),
          events.stream()
              .map(e -> e.at() + "\t" + e.kind() + "\t" + e.deployment() + "\t" + e.object() + "\n")
              .collect(java.util.stream.Collectors.joining()));
      return RunResult.of(
          n, index, measured, report, RunnerLog.parse(result.stderr()), events, priority, calls);
    }

    /**
     * A new small migration V{version}: a table and 1,000 rows of seed data (compatible: it can run
     * with the application up).
     */
    void addMigration(int version) {
      migrations.add(
          "V" + version + "__bench_" + version + ".sql",
          "CREATE TABLE bench_"
              + version
              + " (id bigserial PRIMARY KEY, payload text NOT NULL);\n"
              + "INSERT INTO bench_"
              + version
              + " (payload) SELECT md5(i::text) FROM generate_series(1, 1000) AS i;\n");
    }

    /** {@code chartreuse run} for this release, JSON report and JSON log lines. */
    CliProcess runner() {
      return RunnerEnvironment.run(database, migrations, "-o", "json", "--log-format", "json")
          .env(identity.podEnvironment(dir.resolve("sa")))
          .env("CHARTREUSE_RELEASE_NAME", RELEASE)
          .env("CHARTREUSE_ENABLE_STOP_PODS", "1")
          .env("CHARTREUSE_STOP_PODS_TIMEOUT", "120");
    }

    /**
     * Every Deployment at 1 available replica and unmarked, exactly N pods all Running, none
     * terminating, no HPA paused.
     */
    void awaitSteady() {
      Await.until(
          STEADY_TIMEOUT,
          "N=" + n + ": release back to steady state",
          () -> {
            List<Deployment> deployments =
                cluster.admin().apps().deployments().inNamespace(namespace).list().getItems();
            for (Deployment d : deployments) {
              var status = d.getStatus();
              Map<String, String> annotations =
                  Objects.requireNonNullElse(d.getMetadata().getAnnotations(), Map.of());
              if (!Objects.equals(d.getSpec().getReplicas(), 1)
                  || status == null
                  || !Objects.equals(status.getAvailableReplicas(), 1)
                  || !Objects.equals(status.getReplicas(), 1)
                  || !Objects.equals(
                      status.getObservedGeneration(), d.getMetadata().getGeneration())
                  || annotations.containsKey("wiremind.io/stopped-by")) {
                return false;
              }
            }
            List<Pod> pods =
                cluster.admin().pods().inNamespace(namespace).withLabel("app").list().getItems();
            boolean podsSteady =
                deployments.size() == n
                    && pods.size() == n
                    && pods.stream()
                        .allMatch(
                            p ->
                                p.getMetadata().getDeletionTimestamp() == null
                                    && p.getStatus() != null
                                    && "Running".equals(p.getStatus().getPhase()));
            if (!podsSteady) {
              return false;
            }
            for (GenericKubernetesResource hpa :
                cluster
                    .admin()
                    .genericKubernetesResources(Workload.HPA)
                    .inNamespace(namespace)
                    .list()
                    .getItems()) {
              Map<String, String> annotations =
                  Objects.requireNonNullElse(hpa.getMetadata().getAnnotations(), Map.of());
              if (annotations.containsKey("wiremind.io/pre-pause-scale-behavior")) {
                return false;
              }
            }
            return true;
          });
    }

    /**
     * The namespace stays: deleting it now would have the namespace controller busy during the next
     * size's runs.
     */
    @Override
    public void close() {
      recorder.close();
      kubelet.close();
    }
  }

  // ----------------------------------------------------------------------------------------------

  /** The runner's JSON log lines that mark the phases. */
  record RunnerLog(
      List<Group> groups, Instant migrationStart, Instant migrationEnd, Instant restored) {
    /**
     * One priority group: logged "scaled to 0 (priority P): a, b" and then "pods gone (priority P):
     * a, b".
     */
    record Group(int priority, List<String> deployments, Instant scaled, Instant podsGone) {}

    static RunnerLog parse(String stderr) throws IOException {
      Map<Integer, Instant> scaled = new LinkedHashMap<>();
      Map<Integer, Instant> gone = new LinkedHashMap<>();
      Map<Integer, List<String>> members = new LinkedHashMap<>();
      Instant start = null;
      Instant end = null;
      Instant restored = null;
      for (String line : stderr.split("\n")) {
        if (!line.startsWith("{")) {
          continue;
        }
        JsonNode json = JSON.readTree(line);
        String message = json.path("message").asText();
        Instant at = Instant.parse(json.path("time").asText());
        if (message.startsWith("scaled to 0 (priority ")) {
          int p = priorityOf(message);
          scaled.put(p, at);
          members.put(p, List.of(message.substring(message.indexOf("): ") + 3).split(", ")));
        } else if (message.startsWith("pods gone (priority ")) {
          gone.put(priorityOf(message), at);
        } else if (message.startsWith("default: applying ")) {
          start = at;
        } else if (message.startsWith("default: migrated ")) {
          end = at;
        } else if (message.startsWith("restored Deployments: ")) {
          restored = at;
        }
      }
      List<Group> groups = new ArrayList<>();
      scaled.forEach(
          (p, at) ->
              groups.add(
                  new Group(
                      p,
                      members.get(p),
                      at,
                      Objects.requireNonNull(gone.get(p), "pods gone " + p))));
      return new RunnerLog(
          groups,
          Objects.requireNonNull(start, "applying"),
          Objects.requireNonNull(end, "migrated"),
          Objects.requireNonNull(restored, "restored"));
    }

    private static int priorityOf(String message) {
      int from = message.indexOf("(priority ") + "(priority ".length();
      return Integer.parseInt(message.substring(from, message.indexOf(')', from)));
    }
  }

  // ----------------------------------------------------------------------------------------------

  /**
   * One run's figures, in seconds.
   *
   * <ul>
   *   <li>{@code downStop}: first Deployment seen at 0 replicas → "default: applying" (migration
   *       start);
   *   <li>{@code downStart}: "default: migrated" (migration end) → last Deployment seen back at ≥ 1
   *       replica;
   *   <li>{@code podTermination}: per priority group, "scaled to 0" → its last pod deleted (watch),
   *       summed: the time spent waiting for pods that really still existed;
   *   <li>{@code runnerWait}: per group "scaled to 0" → "pods gone", summed: the runner's own wait;
   *   <li>{@code overhead} = downStop + downStart − podTermination, split into {@code scaling} (API
   *       work between the first scale-down and each group's "scaled to 0", and between groups),
   *       {@code pollLag} (runnerWait − podTermination), {@code handoff} (last "pods gone" →
   *       migration start) and {@code downStart};
   *   <li>{@code podSpan}: per group, its first Deployment seen at 0 → its last pod deleted,
   *       summed, and {@code overheadLowerBound} = downStop + downStart − podSpan: when the
   *       controllers are the bottleneck, they work on the first Deployments of a group while the
   *       runner still scales the others, so part of the scaling time would have been spent waiting
   *       anyway; the true overhead lies between the two.
   * </ul>
   */
  record RunResult(
      int n,
      int index,
      boolean measured,
      double stopDuration,
      double startDuration,
      double downStop,
      double downStart,
      double podTermination,
      double runnerWait,
      double scaling,
      double pollLag,
      double handoff,
      double overhead,
      double podSpan,
      double overheadLowerBound,
      double migration,
      double untilRunning,
      double requests,
      double serverSeconds,
      Map<String, Double> requestKinds,
      List<Double> groupTermination) {

    static RunResult of(
        int n,
        int index,
        boolean measured,
        JsonNode report,
        RunnerLog log,
        List<Event> events,
        Map<String, Integer> priority,
        ApiRequestCounts.Snapshot calls) {
      Instant firstZero =
          events.stream()
              .filter(e -> e.kind() == Kind.SCALED_TO_ZERO)
              .map(Event::at)
              .min(Instant::compareTo)
              .orElseThrow(() -> new IllegalStateException("no Deployment seen scaled to 0"));
      Map<String, Instant> back = new TreeMap<>();
      Map<String, Instant> podGone = new TreeMap<>();
      Map<String, Instant> running = new TreeMap<>();
      for (Event e : events) {
        switch (e.kind()) {
          case SCALED_BACK -> back.merge(e.deployment(), e.at(), (a, b) -> a.isBefore(b) ? a : b);
          case POD_GONE -> podGone.merge(e.deployment(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
          case POD_RUNNING -> {
            if (e.at().isAfter(log.migrationEnd())) {
              running.merge(e.deployment(), e.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
          }
          default -> {}
        }
      }
      if (back.size() != priority.size() || running.size() != priority.size()) {
        throw new IllegalStateException(
            "run "
                + index
                + ": "
                + back.size()
                + " Deployments seen scaled back and "
                + running.size()
                + " running again, of "
                + priority.size());
      }
      Instant allBack = back.values().stream().max(Instant::compareTo).orElseThrow();
      Instant allRunning = running.values().stream().max(Instant::compareTo).orElseThrow();

      Map<String, Instant> zero = new TreeMap<>();
      events.stream()
          .filter(e -> e.kind() == Kind.SCALED_TO_ZERO)
          .forEach(e -> zero.merge(e.deployment(), e.at(), (a, b) -> a.isBefore(b) ? a : b));
      double termination = 0;
      double span = 0;
      double wait = 0;
      double scaling = 0;
      List<Double> perGroup = new ArrayList<>();
      Instant previous = firstZero;
      for (RunnerLog.Group g : log.groups()) {
        Instant lastPod =
            g.deployments().stream()
                .map(podGone::get)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(g.scaled());
        double runnerWait = seconds(g.scaled(), g.podsGone());
        double actual = Math.min(runnerWait, Math.max(0, seconds(g.scaled(), lastPod)));
        perGroup.add(actual);
        Instant groupZero =
            g.deployments().stream()
                .map(zero::get)
                .filter(Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(g.scaled());
        span +=
            Math.min(seconds(groupZero, g.podsGone()), Math.max(0, seconds(groupZero, lastPod)));
        termination += actual;
        wait += runnerWait;
        scaling += seconds(previous, g.scaled());
        previous = g.podsGone();
      }
      double downStop = seconds(firstZero, log.migrationStart());
      double downStart = seconds(log.migrationEnd(), allBack);
      double handoff = seconds(previous, log.migrationStart());
      return new RunResult(
          n,
          index,
          measured,
          durationSeconds(report.path("stop_duration")),
          durationSeconds(report.path("start_duration")),
          downStop,
          downStart,
          termination,
          wait,
          scaling,
          wait - termination,
          handoff,
          downStop + downStart - termination,
          span,
          downStop + downStart - span,
          seconds(log.migrationStart(), log.migrationEnd()),
          seconds(log.migrationEnd(), allRunning),
          calls.total(),
          calls.serverSeconds(),
          calls.count(),
          perGroup);
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "N=%d run %d%s: stop_duration %.3f, start_duration %.3f | down %.3f + %.3f, pod termination %.3f (runner waited %.3f),"
              + " overhead %.3f (lower bound %.3f) = scaling %.3f + poll lag %.3f + hand-off %.3f + start %.3f | pods running again %.3f after"
              + " migration | %.0f runner requests",
          n,
          index,
          measured ? "" : " (warm-up)",
          stopDuration,
          startDuration,
          downStop,
          downStart,
          podTermination,
          runnerWait,
          overhead,
          overheadLowerBound,
          scaling,
          pollLag,
          handoff,
          downStart,
          untilRunning,
          requests);
    }
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** A report duration: seconds as a number (Jackson's default for Duration) or ISO-8601 text. */
  static double durationSeconds(JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    return Duration.parse(node.asText()).toNanos() / 1e9;
  }

  // ----------------------------------------------------------------------------------------------

  static final class Summary {
    static double median(Collection<RunResult> runs, ToDoubleFunction<RunResult> f) {
      double[] v = runs.stream().mapToDouble(f).sorted().toArray();
      return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static Map<Integer, List<RunResult>> bySize(List<RunResult> results, List<Integer> sizes) {
      Map<Integer, List<RunResult>> map = new LinkedHashMap<>();
      sizes.forEach(n -> map.put(n, results.stream().filter(r -> r.n() == n).toList()));
      return map;
    }

    static String markdown(List<RunResult> results, List<Integer> sizes) {
      StringBuilder s = new StringBuilder();
      Map<Integer, List<RunResult>> by = bySize(results, sizes);
      s.append(
          "| N | runs | median stop_duration | median start_duration | median pod termination wait | median overhead | overhead per Deployment |"
              + " overhead, lower bound |\n");
      s.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      by.forEach(
          (n, runs) ->
              s.append(
                  String.format(
                      Locale.ROOT,
                      "| %d | %d | %.2f s | %.2f s | %.2f s | %.2f s | %.0f ms | %.2f s |%n",
                      n,
                      runs.size(),
                      median(runs, RunResult::stopDuration),
                      median(runs, RunResult::startDuration),
                      median(runs, RunResult::podTermination),
                      median(runs, RunResult::overhead),
                      1000 * median(runs, RunResult::overhead) / n,
                      median(runs, RunResult::overheadLowerBound))));
      List<Integer> measured =
          by.entrySet().stream()
              .filter(e -> !e.getValue().isEmpty())
              .map(Map.Entry::getKey)
              .toList();
      for (int i = 1; i < measured.size(); i++) {
        int a = measured.get(i - 1);
        int b = measured.get(i);
        s.append(
            String.format(
                Locale.ROOT,
                "%nGrowth from N=%d to N=%d: %.0f ms more overhead per added Deployment.",
                a,
                b,
                1000
                    * (median(by.get(b), RunResult::overhead)
                        - median(by.get(a), RunResult::overhead))
                    / (b - a)));
      }
      s.append("\n");
      s.append("\nWhere the overhead goes (medians; each column's median taken separately):\n\n");
      s.append(
          "| N | added downtime (stop side + start side) | scaling calls while stopping | pod-poll lag | pods gone → migration start |"
              + " migration end → all scaled back | runner wait (log) | pods Running again after migration end | runner API requests |\n");
      s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      by.forEach(
          (n, runs) ->
              s.append(
                  String.format(
                      Locale.ROOT,
                      "| %d | %.2f s (%.2f + %.2f) | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.0f |%n",
                      n,
                      median(runs, r -> r.downStop() + r.downStart()),
                      median(runs, RunResult::downStop),
                      median(runs, RunResult::downStart),
                      median(runs, RunResult::scaling),
                      median(runs, RunResult::pollLag),
                      median(runs, RunResult::handoff),
                      median(runs, RunResult::downStart),
                      median(runs, RunResult::runnerWait),
                      median(runs, RunResult::untilRunning),
                      median(runs, RunResult::requests))));
      s.append(
          "\nRunner API requests per run by kind (median; from the API server's apiserver_request_total):\n\n");
      Map<String, Map<Integer, Double>> kinds = new TreeMap<>();
      by.forEach(
          (n, runs) ->
              runs.stream()
                  .flatMap(r -> r.requestKinds().keySet().stream())
                  .distinct()
                  .forEach(
                      k ->
                          kinds
                              .computeIfAbsent(k, x -> new TreeMap<>())
                              .put(n, median(runs, r -> r.requestKinds().getOrDefault(k, 0.0)))));
      s.append("| request |");
      sizes.forEach(n -> s.append(" N=").append(n).append(" |"));
      s.append("\n|---|");
      sizes.forEach(n -> s.append("---:|"));
      s.append("\n");
      kinds.forEach(
          (k, perN) -> {
            s.append("| ").append(k).append(" |");
            sizes.forEach(
                n -> s.append(String.format(Locale.ROOT, " %.0f |", perN.getOrDefault(n, 0.0))));
            s.append("\n");
          });
      s.append("| server-side time of these requests |");
      by.forEach(
          (n, runs) ->
              s.append(
                  String.format(
                      Locale.ROOT, " %.0f ms |", 1000 * median(runs, RunResult::serverSeconds))));
      s.append("\n");
      return s.toString();
    }

    static ObjectNode json(List<RunResult> results) {
      ObjectNode root = JSON.createObjectNode();
      root.put("load_average_at_end", loadAverage());
      root.put("cores", Runtime.getRuntime().availableProcessors());
      ArrayNode runs = root.putArray("runs");
      for (RunResult r : results) {
        runs.add(JSON.valueToTree(r));
      }
      return root;
    }
  }

  private DowntimeBenchmark() {}
}
