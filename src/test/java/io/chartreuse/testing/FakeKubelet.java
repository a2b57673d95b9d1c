package io.chartreuse.testing;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Does, for the pods of one namespace (or of all namespaces a filter accepts, {@link #allNamespaces}), what
 * a kubelet would — through the API, as admin:
 *
 * <ul>
 *   <li>binds every pending pod to the fake Node {@value TestCluster#NODE_NAME} ({@code pods/binding});
 *   <li>containers whose command is a chartreuse command ({@code chartreuse}, {@code chartreuse-upgrade},
 *       {@code chartreuse-restore}, whatever the image) or whose image is "the chartreuse image" (by default:
 *       the image repository's last path segment contains {@code chartreuse}) run as local processes
 *       {@code java -jar <chartreuse.jar> …} with the pod's command/args (aliases {@code chartreuse-upgrade}
 *       → {@code run}, {@code chartreuse-restore} → {@code restore}, {@code chartreuse X…} → {@code X…}),
 *       its environment, its mounted ConfigMap/Secret files and its ServiceAccount token;
 *   <li>containers whose image was registered with {@link #runLocally(String)} run their command/args
 *       as a local process (a "tiny test image");
 *   <li>every other container "runs" without doing anything: it is Running and Ready at once (an init
 *       container of that kind completes at once);
 *   <li>the containers' output is served as a kubelet serves logs ({@link KubeletLogServer}), so
 *       {@code kubectl logs [-f]} works;
 *   <li>the processes' exit codes become the container statuses and the pod phase
 *       (Succeeded/Failed), honouring the restart policy, so the Job controller completes or fails Jobs;
 *   <li>a pod marked for deletion has its processes stopped (SIGTERM, then SIGKILL after at most
 *       5 s) and is then deleted with grace period 0, as a kubelet does once the containers stopped.
 * </ul>
 *
 * <p>Each pod gets a directory {@code target/fake-kubelet/<namespace>/<pod>/} (see {@link #podsDir(Path)}) with
 * {@code logs/<container>.log} (stdout and stderr; {@code logs/timestamped/} the same with each line's time),
 * {@code volumes/<volume>/} (materialized volumes), {@code home/} and
 * {@code <container>.command} (the argv and environment used). Container paths are mapped to local paths:
 * every volume mount's {@code mountPath} maps to its volume directory, and tests add image paths with
 * {@link #mapPath(String, Path)}; environment values and arguments that contain such a path (at the start,
 * or after {@code = : , ; (}, whitespace, a quote or {@code file://}) are rewritten. The directory mounted
 * at {@code /var/run/secrets/kubernetes.io/serviceaccount} is passed as {@code CHARTREUSE_SERVICEACCOUNT_DIR},
 * and {@code KUBERNETES_SERVICE_HOST}/{@code KUBERNETES_SERVICE_PORT} point at the loopback API server.
 * See docs/test-cluster.md for what is and is not emulated.
 */
public final class FakeKubelet implements AutoCloseable {

  /** How a container is "run". */
  public enum Mode {
    /** {@code java -jar <chartreuse.jar>} with the pod's command mapped to CLI arguments. */
    CHARTREUSE,
    /** The container's command/args as a local process. */
    LOCAL_COMMAND,
    /** Nothing runs: the container is Running and Ready until the pod is deleted. */
    IDLE
  }

  public static final String SERVICEACCOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  private static final Duration MAX_GRACE = Duration.ofSeconds(5);

  /** The chartreuse CLI's command names in the runner image (basename of a container's {@code command[0]}). */
  public static final Set<String> CHARTREUSE_COMMANDS = Set.of("chartreuse", "chartreuse-upgrade", "chartreuse-restore");

  private final TestCluster cluster;
  private final KubernetesClient client;
  /** The one namespace watched, or null: every namespace that {@link #namespaceFilter} accepts. */
  private final String namespace;
  private final Predicate<String> namespaceFilter;
  private final Map<String, Boolean> namespaceDecisions = new ConcurrentHashMap<>();
  private volatile Path root;
  private final ExecutorService control;
  private final ExecutorService workers;
  private final Map<String, PodRun> runs = new ConcurrentHashMap<>();
  private final Set<String> bindRequested = ConcurrentHashMap.newKeySet();
  private final Set<String> deleting = ConcurrentHashMap.newKeySet();
  private final List<Map.Entry<Predicate<String>, Mode>> imageModes = new CopyOnWriteArrayList<>();
  private final Map<String, Path> pathMappings = new ConcurrentHashMap<>();
  private final Map<String, String> extraEnv = new ConcurrentHashMap<>();
  private final List<String> started = new CopyOnWriteArrayList<>();
  /** Pods registered with the log server ({@code namespace/pod} → directory), forgotten when this kubelet closes. */
  private final Map<String, Path> registered = new ConcurrentHashMap<>();
  private volatile Predicate<String> chartreuseImage = FakeKubelet::isChartreuseRepository;
  private volatile List<String> javaOptions = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");
  private volatile Path jar;
  private volatile SharedIndexInformer<Pod> informer;
  private volatile java.util.function.Consumer<String> events = line -> { };
  private final KubeletLogServer logServer;
  private volatile boolean closed;

  /** A kubelet for the pods of {@code namespace}. */
  public FakeKubelet(TestCluster cluster, String namespace) {
    this(cluster, namespace, null);
  }

  private FakeKubelet(TestCluster cluster, String namespace, Predicate<String> namespaceFilter) {
    this.cluster = cluster;
    this.client = cluster.admin();
    this.namespace = namespace;
    this.namespaceFilter = namespaceFilter;
    this.root = TestCluster.basedir().resolve("target/fake-kubelet");
    String threads = "fake-kubelet-" + (namespace != null ? namespace : "all");
    AtomicInteger n = new AtomicInteger();
    this.control = Executors.newSingleThreadExecutor(r -> daemon(r, threads));
    this.workers = Executors.newCachedThreadPool(r -> daemon(r, threads + "-" + n.incrementAndGet()));
    String jarProperty = System.getProperty("chartreuse.jar");
    this.jar = jarProperty != null ? Paths.get(jarProperty) : null;
    this.logServer = KubeletLogServer.get();
  }

  /**
   * A kubelet for the pods of every namespace whose name {@code namespaces} accepts (asked once per
   * namespace, on the kubelet's control thread; it may call the API). Used by {@link FakeKubeletMain}.
   */
  public static FakeKubelet allNamespaces(TestCluster cluster, Predicate<String> namespaces) {
    return new FakeKubelet(cluster, null, namespaces);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts watching the namespace's pods. */
  public synchronized FakeKubelet start() {
    if (informer == null) {
      var pods = namespace != null ? client.pods().inNamespace(namespace) : client.pods().inAnyNamespace();
      informer = pods.inform(new ResourceEventHandler<>() {
        @Override
        public void onAdd(Pod pod) {
          submit(pod, false);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod pod) {
          submit(pod, false);
        }

        @Override
        public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
          submit(pod, true);
        }
      }, 0);
    }
    return this;
  }

  // ----------------------------------------------------------------------------------------------
  // configuration (call before the pods concerned are created)

  /** Which images are "the chartreuse image" (by default: repository name contains {@code chartreuse}). */
  public FakeKubelet chartreuseImage(Predicate<String> image) {
    this.chartreuseImage = image;
    return this;
  }

  /** Containers whose image contains {@code imageSubstring} run their command/args as local processes. */
  public FakeKubelet runLocally(String imageSubstring) {
    return mode(image -> image.contains(imageSubstring), Mode.LOCAL_COMMAND);
  }

  /** Containers with images matching {@code image} are run in {@code mode} (rules added later win). */
  public FakeKubelet mode(Predicate<String> image, Mode mode) {
    imageModes.add(0, Map.entry(image, mode));
    return this;
  }

  /** Maps a path inside the image (e.g. {@code /app/migrations}) to a local directory. */
  public FakeKubelet mapPath(String containerPath, Path localPath) {
    pathMappings.put(stripSlash(containerPath), localPath.toAbsolutePath());
    return this;
  }

  /** Adds an environment variable to every process this kubelet starts (after the pod's own). */
  public FakeKubelet env(String name, String value) {
    extraEnv.put(name, value);
    return this;
  }

  /** JVM options for the chartreuse jar (default: fast start-up, small heap use). */
  public FakeKubelet javaOptions(List<String> options) {
    this.javaOptions = List.copyOf(options);
    return this;
  }

  /** The jar run for the chartreuse image (default: system property {@code chartreuse.jar}). */
  public FakeKubelet jar(Path jar) {
    this.jar = jar;
    return this;
  }

  /** Where pods' directories go: {@code <dir>/<namespace>/<pod>/} (default {@code target/fake-kubelet}). */
  public FakeKubelet podsDir(Path dir) {
    this.root = dir.toAbsolutePath();
    return this;
  }

  /** Receives one line per thing the kubelet does ({@code namespace/pod: what}), e.g. for a log. */
  public FakeKubelet events(java.util.function.Consumer<String> listener) {
    this.events = listener;
    return this;
  }

  // ----------------------------------------------------------------------------------------------
  // inspection

  public String namespace() {
    return namespace;
  }

  /** The local directory of a pod of this kubelet's namespace (logs, volumes, home). */
  public Path podDir(String podName) {
    if (namespace == null) {
      throw new IllegalStateException("this kubelet watches several namespaces: use podDir(namespace, pod)");
    }
    return podDir(namespace, podName);
  }

  /** The local directory of a pod. */
  public Path podDir(String podNamespace, String podName) {
    return root.resolve(podNamespace).resolve(podName);
  }

  /** The log file (stdout and stderr) of a pod's container. */
  public Path logFile(String podName, String container) {
    return podDir(podName).resolve("logs").resolve(container + ".log");
  }

  /** The log of a pod's first container ("" when it has none yet). */
  public String log(String podName) {
    return log(podDir(podName));
  }

  /** The log of a pod's first container ("" when it has none yet). */
  public String log(String podNamespace, String podName) {
    return log(podDir(podNamespace, podName));
  }

  private static String log(Path podDir) {
    Path logs = podDir.resolve("logs");
    try (Stream<Path> files = Files.list(logs)) {
      Optional<Path> first = files.filter(p -> p.toString().endsWith(".log") && !p.toString().endsWith(".previous.log"))
          .sorted().findFirst();
      return first.isPresent() ? Files.readString(first.get(), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Names of the pods whose containers this kubelet started, in order. */
  public List<String> startedPods() {
    return List.copyOf(started);
  }

  // ----------------------------------------------------------------------------------------------
  // reconciliation (one thread decides; workers run pods)

  private void submit(Pod pod, boolean gone) {
    if (closed) {
      return;
    }
    try {
      control.execute(() -> {
        try {
          reconcile(pod, gone);
        } catch (RuntimeException e) {
          System.err.println("[fake-kubelet] " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + ": " + e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException ignored) {
      // closing
    }
  }

  private void reconcile(Pod pod, boolean gone) {
    String uid = pod.getMetadata().getUid();
    String name = pod.getMetadata().getName();
    String ns = pod.getMetadata().getNamespace();
    if (namespace == null && !runs.containsKey(uid) && !acceptsNamespace(ns)) {
      return;
    }
    if (gone) {
      PodRun run = runs.remove(uid);
      if (run != null) {
        workers.execute(() -> run.stop(Duration.ZERO));
      }
      bindRequested.remove(uid);
      deleting.remove(uid);
      return;
    }
    String node = pod.getSpec().getNodeName();
    boolean deletionRequested = pod.getMetadata().getDeletionTimestamp() != null;
    if (node == null || node.isEmpty()) {
      if (!deletionRequested && bindRequested.add(uid)) {
        workers.execute(() -> bind(ns, name, uid));
      }
      return;
    }
    if (!TestCluster.NODE_NAME.equals(node)) {
      return;
    }
    if (deletionRequested) {
      if (deleting.add(uid)) {
        PodRun run = runs.get(uid);
        long grace = Optional.ofNullable(pod.getMetadata().getDeletionGracePeriodSeconds()).orElse(30L);
        workers.execute(() -> {
          if (run != null) {
            run.stop(Duration.ofSeconds(grace).compareTo(MAX_GRACE) < 0 ? Duration.ofSeconds(grace) : MAX_GRACE);
          }
          forceDelete(ns, name);
        });
      }
      return;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (!runs.containsKey(uid) && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
      PodRun run = new PodRun(pod);
      runs.put(uid, run);
      workers.execute(run::start);
    }
  }

  private boolean acceptsNamespace(String ns) {
    return namespaceDecisions.computeIfAbsent(ns, n -> {
      boolean accepted = namespaceFilter.test(n);
      event(n + ": " + (accepted ? "serving this namespace's pods" : "leaving this namespace's pods alone"));
      return accepted;
    });
  }

  private void event(String line) {
    try {
      events.accept(line);
    } catch (RuntimeException ignored) {
      // diagnostics only
    }
  }

  private void bind(String ns, String name, String uid) {
    Binding binding = new BindingBuilder()
        .withNewMetadata().withName(name).withUid(uid).endMetadata()
        .withNewTarget().withApiVersion("v1").withKind("Node").withName(TestCluster.NODE_NAME).endTarget()
        .build();
    for (int attempt = 1; ; attempt++) {
      try {
        client.bindings().inNamespace(ns).resource(binding).create();
        event(ns + "/" + name + ": bound to " + TestCluster.NODE_NAME);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 || e.getCode() == 404 || attempt >= 5 || closed) {
          return; // already bound, or gone
        }
        sleep(Duration.ofMillis(200L * attempt));
      }
    }
  }

  private void forceDelete(String ns, String name) {
    try {
      client.pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
      event(ns + "/" + name + ": containers stopped, pod deleted");
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        System.err.println("[fake-kubelet] could not delete pod " + ns + "/" + name + ": " + e.getMessage());
      }
    }
  }

  /** Stops watching and ends every process it started. Pods stay as they are. */
  @Override
  public void close() {
    closed = true;
    if (informer != null) {
      informer.close();
    }
    control.shutdownNow();
    List<Thread> stoppers = new ArrayList<>();
    for (PodRun run : runs.values()) {
      Thread t = new Thread(() -> run.stop(Duration.ofSeconds(2)), "fake-kubelet-stop");
      t.start();
      stoppers.add(t);
    }
    for (Thread t : stoppers) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    registered.forEach((key, dir) -> {
      int slash = key.indexOf('/');
      logServer.unregister(cluster.apiServer(), key.substring(0, slash), key.substring(slash + 1), dir);
    });
    registered.clear();
    runs.clear();
    workers.shutdownNow();
  }

  // ----------------------------------------------------------------------------------------------
  // one pod

  /** Thrown while a container cannot be created yet (a missing ConfigMap/Secret): retried. */
  private static final class NotReadyYet extends Exception {
    final String reason;

    NotReadyYet(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  private final class PodRun {
    final Pod pod;
    final String ns;
    final String name;
    final String uid;
    final Path dir;
    final List<ContainerRun> initContainers = new ArrayList<>();
    final List<ContainerRun> containers = new ArrayList<>();
    final CountDownLatch stopped = new CountDownLatch(1);
    final Instant startTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    volatile boolean stopping;
    volatile boolean initDone;
    volatile String podMessage;
    volatile String podReason;
    Map<String, Path> mounts = Map.of();
    Map<String, Path> volumeDirs = new LinkedHashMap<>();

    PodRun(Pod pod) {
      this.pod = pod;
      this.ns = pod.getMetadata().getNamespace();
      this.name = pod.getMetadata().getName();
      this.uid = pod.getMetadata().getUid();
      this.dir = root.resolve(ns).resolve(name);
      for (Container c : Optional.ofNullable(pod.getSpec().getInitContainers()).orElse(List.of())) {
        initContainers.add(new ContainerRun(this, c, true));
      }
      for (Container c : pod.getSpec().getContainers()) {
        containers.add(new ContainerRun(this, c, false));
      }
    }

    void start() {
      try {
        deleteTree(dir);
        Files.createDirectories(dir.resolve("logs").resolve("timestamped"));
        Files.createDirectories(dir.resolve("home"));
        List<String> names = new ArrayList<>();
        initContainers.forEach(c -> names.add(c.spec.getName()));
        containers.forEach(c -> names.add(c.spec.getName()));
        Files.write(dir.resolve("containers"), names, StandardCharsets.UTF_8);
        logServer.register(cluster.apiServer(), ns, name, dir);
        registered.put(ns + "/" + name, dir);
        started.add(name);
        event(ns + "/" + name + ": starting (" + dir + ")");
        publish();
        while (!stopping) {
          try {
            materializeVolumes();
            break;
          } catch (NotReadyYet e) {
            podReason = e.reason;
            podMessage = e.getMessage();
            note("waiting: " + e.getMessage());
            publish();
            sleep(Duration.ofSeconds(1));
          }
        }
        podReason = null;
        podMessage = null;
        for (ContainerRun init : initContainers) {
          if (stopping) {
            return;
          }
          init.runLoop();
          if (init.exitCode != 0) {
            publish(); // the pod failed in its init phase
            return;
          }
        }
        initDone = true;
        for (ContainerRun c : containers) {
          workers.execute(c::runLoop);
        }
      } catch (IOException | RuntimeException e) {
        note("fake kubelet error: " + e);
        podReason = "FakeKubeletError";
        podMessage = String.valueOf(e);
        publish();
      }
    }

    void note(String line) {
      event(ns + "/" + name + ": " + line);
      try {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kubelet.log"), Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException ignored) {
        // diagnostics only
      }
    }

    void stop(Duration grace) {
      stopping = true;
      stopped.countDown();
      List<ContainerRun> all = new ArrayList<>(initContainers);
      all.addAll(containers);
      for (ContainerRun c : all) {
        c.terminate();
      }
      long deadline = System.nanoTime() + grace.toNanos();
      for (ContainerRun c : all) {
        c.awaitExit(Math.max(0, deadline - System.nanoTime()));
      }
      for (ContainerRun c : all) {
        c.kill();
      }
      for (ContainerRun c : all) {
        c.markExited(); // log followers stop here
      }
    }

    // ---- volumes

    void materializeVolumes() throws NotReadyYet, IOException {
      Map<String, Path> dirs = new LinkedHashMap<>();
      for (Volume v : Optional.ofNullable(pod.getSpec().getVolumes()).orElse(List.of())) {
        Path vd = dir.resolve("volumes").resolve(v.getName());
        if (v.getHostPath() != null) {
          dirs.put(v.getName(), Paths.get(v.getHostPath().getPath()));
          continue;
        }
        deleteTree(vd);
        Files.createDirectories(vd);
        if (v.getConfigMap() != null) {
          var src = v.getConfigMap();
          writeConfigMap(vd, src.getName(), src.getItems(), Boolean.TRUE.equals(src.getOptional()), src.getDefaultMode());
        } else if (v.getSecret() != null) {
          var src = v.getSecret();
          writeSecret(vd, src.getSecretName(), src.getItems(), Boolean.TRUE.equals(src.getOptional()), src.getDefaultMode());
        } else if (v.getProjected() != null) {
          Integer mode = v.getProjected().getDefaultMode();
          for (VolumeProjection p : v.getProjected().getSources()) {
            if (p.getConfigMap() != null) {
              writeConfigMap(vd, p.getConfigMap().getName(), p.getConfigMap().getItems(),
                  Boolean.TRUE.equals(p.getConfigMap().getOptional()), mode);
            } else if (p.getSecret() != null) {
              writeSecret(vd, p.getSecret().getName(), p.getSecret().getItems(),
                  Boolean.TRUE.equals(p.getSecret().getOptional()), mode);
            } else if (p.getDownwardAPI() != null) {
              for (var item : p.getDownwardAPI().getItems()) {
                if (item.getFieldRef() != null) {
                  writeFile(vd, item.getPath(), fieldValue(item.getFieldRef()).getBytes(StandardCharsets.UTF_8), item.getMode());
                }
              }
            } else if (p.getServiceAccountToken() != null) {
              String token = cluster.serviceAccountToken(ns, serviceAccountName(), Duration.ofSeconds(30));
              writeFile(vd, p.getServiceAccountToken().getPath(), token.getBytes(StandardCharsets.UTF_8), mode);
            }
          }
        } else if (v.getDownwardAPI() != null) {
          for (var item : v.getDownwardAPI().getItems()) {
            if (item.getFieldRef() != null) {
              writeFile(vd, item.getPath(), fieldValue(item.getFieldRef()).getBytes(StandardCharsets.UTF_8), item.getMode());
            }
          }
        }
        // emptyDir and every other kind: an empty directory
        dirs.put(v.getName(), vd);
      }
      volumeDirs = dirs;
    }

    String serviceAccountName() {
      String sa = pod.getSpec().getServiceAccountName();
      return sa == null || sa.isEmpty() ? "default" : sa;
    }

    void writeConfigMap(Path vd, String cmName, List<KeyToPath> items, boolean optional, Integer mode)
        throws NotReadyYet, IOException {
      ConfigMap cm = client.configMaps().inNamespace(ns).withName(cmName).get();
      if (cm == null) {
        if (optional) {
          return;
        }
        throw new NotReadyYet("ContainerCreating", "configmap \"" + cmName + "\" not found");
      }
      Map<String, byte[]> data = new LinkedHashMap<>();
      Optional.ofNullable(cm.getData()).orElse(Map.of()).forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
      Optional.ofNullable(cm.getBinaryData()).orElse(Map.of()).forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
      writeItems(vd, data, items, mode, "configmap " + cmName);
    }

    void writeSecret(Path vd, String secretName, List<KeyToPath> items, boolean optional, Integer mode)
        throws NotReadyYet, IOException {
      Secret s = client.secrets().inNamespace(ns).withName(secretName).get();
      if (s == null) {
        if (optional) {
          return;
        }
        throw new NotReadyYet("ContainerCreating", "secret \"" + secretName + "\" not found");
      }
      Map<String, byte[]> data = new LinkedHashMap<>();
      Optional.ofNullable(s.getData()).orElse(Map.of()).forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
      writeItems(vd, data, items, mode, "secret " + secretName);
    }

    void writeItems(Path vd, Map<String, byte[]> data, List<KeyToPath> items, Integer mode, String what)
        throws NotReadyYet, IOException {
      if (items == null || items.isEmpty()) {
        for (var e : data.entrySet()) {
          writeFile(vd, e.getKey(), e.getValue(), mode);
        }
        return;
      }
      for (KeyToPath item : items) {
        byte[] value = data.get(item.getKey());
        if (value == null) {
          throw new NotReadyYet("ContainerCreating", "key \"" + item.getKey() + "\" not found in " + what);
        }
        writeFile(vd, item.getPath(), value, item.getMode() != null ? item.getMode() : mode);
      }
    }

    // ---- field references

    String fieldValue(ObjectFieldSelector ref) {
      String path = ref.getFieldPath();
      Matcher m = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]").matcher(path);
      if (m.matches()) {
        Map<String, String> map = "labels".equals(m.group(1)) ? pod.getMetadata().getLabels() : pod.getMetadata().getAnnotations();
        return map == null ? "" : map.getOrDefault(m.group(2), "");
      }
      switch (path) {
        case "metadata.name":
          return name;
        case "metadata.namespace":
          return ns;
        case "metadata.uid":
          return uid;
        case "metadata.labels":
          return formatMap(pod.getMetadata().getLabels());
        case "metadata.annotations":
          return formatMap(pod.getMetadata().getAnnotations());
        case "spec.nodeName":
          return TestCluster.NODE_NAME;
        case "spec.serviceAccountName":
          return serviceAccountName();
        case "status.hostIP":
        case "status.podIP":
        case "status.podIPs":
          return "127.0.0.1";
        default:
          return "";
      }
    }

    String formatMap(Map<String, String> map) {
      StringBuilder sb = new StringBuilder();
      if (map != null) {
        map.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\"\n"));
      }
      return sb.toString();
    }

    // ---- status

    synchronized void publish() {
      if (stopping || closed) {
        return;
      }
      String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      boolean allTerminated = true;
      boolean allSucceeded = true;
      boolean allReady = initDone;
      for (ContainerRun c : containers) {
        if (!c.finished) {
          allTerminated = false;
        } else if (c.exitCode != 0) {
          allSucceeded = false;
        }
        allReady &= c.state == ContainerRun.State.RUNNING;
      }
      boolean initFailed = initContainers.stream().anyMatch(c -> c.finished && c.exitCode != 0);
      String phase;
      if (initFailed) {
        phase = "Failed";
      } else if (!initDone) {
        phase = "Pending";
      } else if (allTerminated) {
        phase = allSucceeded ? "Succeeded" : "Failed";
      } else {
        phase = "Running";
      }
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("phase", phase);
      status.put("hostIP", "127.0.0.1");
      status.put("podIP", "127.0.0.1");
      status.put("podIPs", List.of(Map.of("ip", "127.0.0.1")));
      status.put("startTime", startTime.toString());
      status.put("qosClass", "BestEffort");
      if (podReason != null) {
        status.put("reason", podReason);
        status.put("message", podMessage);
      } else {
        status.put("reason", null);
        status.put("message", null);
      }
      List<Map<String, Object>> conditions = new ArrayList<>();
      conditions.add(condition("PodScheduled", true, now, null));
      conditions.add(condition("Initialized", initDone, now, initDone ? null : "ContainersNotInitialized"));
      String notReady = allReady ? null : (allTerminated && initDone ? "PodCompleted" : "ContainersNotReady");
      conditions.add(condition("ContainersReady", allReady, now, notReady));
      conditions.add(condition("Ready", allReady, now, notReady));
      status.put("conditions", conditions);
      if (!initContainers.isEmpty()) {
        status.put("initContainerStatuses", initContainers.stream().map(ContainerRun::status).toList());
      }
      status.put("containerStatuses", containers.stream().map(ContainerRun::status).toList());
      String json = client.getKubernetesSerialization().asJson(Map.of("status", status));
      try {
        client.pods().inNamespace(ns).withName(name).subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), json);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          note("status patch failed: " + e.getMessage());
        }
      }
    }

    Map<String, Object> condition(String type, boolean value, String now, String reason) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("type", type);
      c.put("status", value ? "True" : "False");
      c.put("lastProbeTime", null);
      c.put("lastTransitionTime", now);
      if (reason != null) {
        c.put("reason", reason);
      }
      return c;
    }
  }

  // ----------------------------------------------------------------------------------------------
  // one container

  private final class ContainerRun {
    enum State { WAITING, RUNNING, TERMINATED }

    final PodRun pod;
    final Container spec;
    final boolean init;
    final Mode mode;
    volatile State state = State.WAITING;
    volatile String waitingReason = "ContainerCreating";
    volatile String waitingMessage;
    volatile Process process;
    volatile int exitCode;
    volatile boolean finished;
    volatile String terminatedReason;
    volatile String terminatedMessage;
    volatile Instant startedAt;
    volatile Instant finishedAt;
    volatile Map<String, Object> lastState = Map.of();
    volatile int restartCount;

    ContainerRun(PodRun pod, Container spec, boolean init) {
      this.pod = pod;
      this.spec = spec;
      this.init = init;
      this.mode = modeFor(spec);
    }

    void runLoop() {
      int backoff = 1;
      while (!pod.stopping) {
        List<String> argv;
        Map<String, String> env;
        Path workDir;
        try {
          Map<String, Path> mounts = mounts();
          env = environment(mounts);
          argv = mode == Mode.IDLE ? List.of() : command(env, mounts);
          workDir = workingDir(mounts);
        } catch (NotReadyYet e) {
          state = State.WAITING;
          waitingReason = e.reason;
          waitingMessage = e.getMessage();
          pod.note(spec.getName() + ": " + e.getMessage());
          pod.publish();
          sleep(Duration.ofSeconds(1));
          continue;
        }
        LogFiles log;
        try {
          log = LogFiles.open(dir().resolve("logs"), spec.getName());
        } catch (IOException e) {
          pod.note(spec.getName() + ": could not create its log: " + e);
          sleep(Duration.ofSeconds(1));
          continue;
        }
        startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (mode == Mode.IDLE) {
          log.close();
          if (init) {
            // Nothing to run: the init container "succeeds" at once, so that the pod goes on.
            pod.note(spec.getName() + ": init container of image " + spec.getImage() + " not run (completed at once)");
            exitCode = 0;
            terminatedReason = "Completed";
            finishedAt = startedAt;
            state = State.TERMINATED;
            finished = true;
            markExited();
            pod.publish();
            return;
          }
          pod.note(spec.getName() + ": running (image " + spec.getImage() + ", nothing executed)");
          state = State.RUNNING;
          pod.publish();
          try {
            pod.stopped.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return;
        }
        int code;
        try {
          writeCommandFile(argv, env, workDir);
          ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
          pb.environment().clear();
          pb.environment().putAll(env);
          Thread pump;
          synchronized (this) {
            if (pod.stopping) {
              log.close();
              return;
            }
            process = pb.start();
            pump = log.pump(process.getInputStream(), "fake-kubelet-log-" + pod.name + "-" + spec.getName());
          }
          int jarArg = argv.indexOf("-jar");
          pod.note(spec.getName() + ": started " + (jarArg >= 0 ? "chartreuse " + argv.subList(jarArg + 2, argv.size()) : argv)
              + " (pid " + process.pid() + ")");
          state = State.RUNNING;
          pod.publish();
          code = process.waitFor();
          pump.join(2000); // the output is complete unless a child process still holds it open
          terminatedReason = code == 0 ? "Completed" : "Error";
          terminatedMessage = null;
        } catch (IOException | RuntimeException e) {
          code = 128;
          terminatedReason = "StartError";
          terminatedMessage = String.valueOf(e.getMessage());
          log.append("fake kubelet: could not start " + argv + ": " + e + "\n");
          log.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        finishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        exitCode = code;
        markExited();
        pod.note(spec.getName() + " exited with " + code);
        if (pod.stopping) {
          return;
        }
        String policy = Optional.ofNullable(pod.pod.getSpec().getRestartPolicy()).orElse("Always");
        boolean restart = !init && ("Always".equals(policy) || ("OnFailure".equals(policy) && code != 0))
            || init && code != 0 && !"Never".equals(policy);
        if (!restart) {
          state = State.TERMINATED;
          finished = true;
          pod.publish();
          return;
        }
        lastState = Map.of("terminated", terminated());
        restartCount++;
        state = State.WAITING;
        waitingReason = "CrashLoopBackOff";
        waitingMessage = "back-off " + backoff + "s restarting failed container=" + spec.getName() + " pod=" + pod.name;
        pod.publish();
        sleep(Duration.ofSeconds(backoff));
        backoff = Math.min(backoff * 2, 10);
      }
    }

    Path dir() {
      return pod.dir;
    }

    /** Tells log followers that this run of the container ended (its output is complete). */
    void markExited() {
      try {
        Files.writeString(dir().resolve("logs").resolve(spec.getName() + ".exited"), String.valueOf(exitCode), StandardCharsets.UTF_8);
      } catch (IOException ignored) {
        // the pod's directory is gone
      }
    }

    void writeCommandFile(List<String> argv, Map<String, String> env, Path workDir) throws IOException {
      StringBuilder sb = new StringBuilder();
      sb.append("# ").append(mode).append(" image=").append(spec.getImage()).append('\n');
      sb.append("workdir: ").append(workDir).append('\n');
      sb.append("argv:\n");
      argv.forEach(a -> sb.append("  ").append(a).append('\n'));
      sb.append("env:\n");
      env.forEach((k, v) -> sb.append("  ").append(k).append('=').append(v).append('\n'));
      Files.writeString(dir().resolve(spec.getName() + ".command"), sb.toString(), StandardCharsets.UTF_8);
    }

    Map<String, Path> mounts() {
      Map<String, Path> m = new LinkedHashMap<>(pathMappings);
      for (VolumeMount vm : Optional.ofNullable(spec.getVolumeMounts()).orElse(List.of())) {
        Path vd = pod.volumeDirs.get(vm.getName());
        if (vd == null) {
          continue;
        }
        String sub = vm.getSubPath();
        m.put(stripSlash(vm.getMountPath()), sub == null || sub.isEmpty() ? vd : vd.resolve(sub));
      }
      return m;
    }

    Map<String, String> environment(Map<String, Path> mounts) throws NotReadyYet {
      Map<String, String> env = new LinkedHashMap<>();
      String path = System.getenv("PATH");
      env.put("PATH", path != null ? path : "/usr/local/bin:/usr/bin:/bin");
      for (String keep : List.of("LANG", "LC_ALL", "TZ", "JAVA_HOME")) {
        if (System.getenv(keep) != null) {
          env.put(keep, System.getenv(keep));
        }
      }
      env.put("HOME", dir().resolve("home").toString());
      env.put("HOSTNAME", pod.name);
      String host = cluster.apiServer().getHost();
      String port = String.valueOf(cluster.apiServer().getPort());
      env.put("KUBERNETES_SERVICE_HOST", host);
      env.put("KUBERNETES_SERVICE_PORT", port);
      env.put("KUBERNETES_SERVICE_PORT_HTTPS", port);
      env.put("KUBERNETES_PORT", "tcp://" + host + ":" + port);
      env.put("KUBERNETES_PORT_443_TCP", "tcp://" + host + ":" + port);
      env.put("KUBERNETES_PORT_443_TCP_PROTO", "tcp");
      env.put("KUBERNETES_PORT_443_TCP_ADDR", host);
      env.put("KUBERNETES_PORT_443_TCP_PORT", port);
      Path saDir = mounts.get(SERVICEACCOUNT_PATH);
      if (saDir != null) {
        env.put("CHARTREUSE_SERVICEACCOUNT_DIR", saDir.toString());
      }
      for (EnvFromSource from : Optional.ofNullable(spec.getEnvFrom()).orElse(List.of())) {
        String prefix = Optional.ofNullable(from.getPrefix()).orElse("");
        if (from.getConfigMapRef() != null) {
          ConfigMap cm = client.configMaps().inNamespace(pod.ns).withName(from.getConfigMapRef().getName()).get();
          if (cm == null) {
            if (Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
              continue;
            }
            throw new NotReadyYet("CreateContainerConfigError", "configmap \"" + from.getConfigMapRef().getName() + "\" not found");
          }
          Optional.ofNullable(cm.getData()).orElse(Map.of()).forEach((k, v) -> env.put(prefix + k, rewrite(v, mounts)));
        } else if (from.getSecretRef() != null) {
          Secret s = client.secrets().inNamespace(pod.ns).withName(from.getSecretRef().getName()).get();
          if (s == null) {
            if (Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
              continue;
            }
            throw new NotReadyYet("CreateContainerConfigError", "secret \"" + from.getSecretRef().getName() + "\" not found");
          }
          Optional.ofNullable(s.getData()).orElse(Map.of()).forEach((k, v) ->
              env.put(prefix + k, rewrite(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8), mounts)));
        }
      }
      for (EnvVar var : Optional.ofNullable(spec.getEnv()).orElse(List.of())) {
        String value;
        if (var.getValueFrom() != null) {
          value = valueFrom(var.getValueFrom());
          if (value == null) {
            continue; // optional and missing
          }
        } else {
          value = expand(Optional.ofNullable(var.getValue()).orElse(""), env);
        }
        env.put(var.getName(), rewrite(value, mounts));
      }
      env.putAll(extraEnv);
      return env;
    }

    String valueFrom(EnvVarSource src) throws NotReadyYet {
      if (src.getConfigMapKeyRef() != null) {
        var ref = src.getConfigMapKeyRef();
        ConfigMap cm = client.configMaps().inNamespace(pod.ns).withName(ref.getName()).get();
        String v = cm == null || cm.getData() == null ? null : cm.getData().get(ref.getKey());
        if (v == null && !Boolean.TRUE.equals(ref.getOptional())) {
          throw new NotReadyYet("CreateContainerConfigError",
              cm == null ? "configmap \"" + ref.getName() + "\" not found"
                  : "couldn't find key " + ref.getKey() + " in ConfigMap " + pod.ns + "/" + ref.getName());
        }
        return v;
      }
      if (src.getSecretKeyRef() != null) {
        var ref = src.getSecretKeyRef();
        Secret s = client.secrets().inNamespace(pod.ns).withName(ref.getName()).get();
        String v = s == null || s.getData() == null ? null : s.getData().get(ref.getKey());
        if (v == null && !Boolean.TRUE.equals(ref.getOptional())) {
          throw new NotReadyYet("CreateContainerConfigError",
              s == null ? "secret \"" + ref.getName() + "\" not found"
                  : "couldn't find key " + ref.getKey() + " in Secret " + pod.ns + "/" + ref.getName());
        }
        return v == null ? null : new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
      }
      if (src.getFieldRef() != null) {
        return pod.fieldValue(src.getFieldRef());
      }
      if (src.getResourceFieldRef() != null) {
        String resource = src.getResourceFieldRef().getResource();
        Map<String, Quantity> limits = spec.getResources() == null ? null : spec.getResources().getLimits();
        Map<String, Quantity> requests = spec.getResources() == null ? null : spec.getResources().getRequests();
        String[] parts = resource.split("\\.", 2);
        Map<String, Quantity> source = "requests".equals(parts[0]) ? requests : limits;
        Quantity q = source == null || parts.length < 2 ? null : source.get(parts[1]);
        if (q != null) {
          return q.toString();
        }
        return resource.endsWith("cpu") ? "2" : "8589934592"; // node allocatable
      }
      return "";
    }

    List<String> command(Map<String, String> env, Map<String, Path> mounts) throws NotReadyYet {
      List<String> cmd = new ArrayList<>();
      for (String s : Optional.ofNullable(spec.getCommand()).orElse(List.of())) {
        cmd.add(rewrite(expand(s, env), mounts));
      }
      List<String> args = new ArrayList<>();
      for (String s : Optional.ofNullable(spec.getArgs()).orElse(List.of())) {
        args.add(rewrite(expand(s, env), mounts));
      }
      if (mode == Mode.LOCAL_COMMAND) {
        List<String> argv = new ArrayList<>(cmd);
        argv.addAll(args);
        if (argv.isEmpty()) {
          throw new NotReadyYet("CreateContainerError", "fake kubelet: image " + spec.getImage()
              + " runs locally but the container has no command/args (the image's entrypoint is unknown here)");
        }
        return argv;
      }
      List<String> cli = new ArrayList<>();
      if (!cmd.isEmpty()) {
        String exe = cmd.get(0).substring(cmd.get(0).lastIndexOf('/') + 1);
        switch (exe) {
          case "chartreuse-upgrade" -> cli.add("run");
          case "chartreuse-restore" -> cli.add("restore");
          case "chartreuse" -> { }
          default -> {
            // Not the CLI: a shell or another tool inside the image. Report it like a runtime would.
            List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c",
                "echo 'fake kubelet: the chartreuse image has no emulated command \"" + cmd.get(0).replace("'", "")
                    + "\" (known: chartreuse, chartreuse-upgrade, chartreuse-restore)' >&2; exit 127"));
            return argv;
          }
        }
        cli.addAll(cmd.subList(1, cmd.size()));
      }
      cli.addAll(args);
      Path jarPath = jar;
      if (jarPath == null) {
        jarPath = findJar();
      }
      List<String> argv = new ArrayList<>();
      argv.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
      argv.addAll(javaOptions);
      argv.add("-jar");
      argv.add(jarPath.toString());
      argv.addAll(cli);
      return argv;
    }

    Path workingDir(Map<String, Path> mounts) {
      String wd = spec.getWorkingDir();
      if (wd != null && !wd.isEmpty()) {
        Path local = Paths.get(rewrite(wd, mounts));
        if (Files.isDirectory(local)) {
          return local;
        }
      }
      return dir().resolve("home");
    }

    Map<String, Object> terminated() {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("exitCode", exitCode);
      t.put("reason", terminatedReason);
      if (terminatedMessage != null) {
        t.put("message", terminatedMessage);
      }
      t.put("startedAt", String.valueOf(startedAt));
      t.put("finishedAt", String.valueOf(finishedAt));
      t.put("containerID", containerId());
      return t;
    }

    String containerId() {
      return "fake://" + pod.uid + "/" + spec.getName() + "/" + restartCount;
    }

    Map<String, Object> status() {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", spec.getName());
      s.put("image", spec.getImage());
      s.put("imageID", "fake://" + spec.getImage());
      s.put("restartCount", restartCount);
      boolean running = state == State.RUNNING;
      s.put("ready", running && !init ? Boolean.TRUE : Boolean.valueOf(init && finished && exitCode == 0));
      s.put("started", running);
      switch (state) {
        case RUNNING -> {
          s.put("state", Map.of("running", Map.of("startedAt", String.valueOf(startedAt))));
          s.put("containerID", containerId());
        }
        case TERMINATED -> {
          s.put("state", Map.of("terminated", terminated()));
          s.put("containerID", containerId());
        }
        default -> {
          Map<String, Object> w = new LinkedHashMap<>();
          w.put("reason", waitingReason);
          if (waitingMessage != null) {
            w.put("message", waitingMessage);
          }
          s.put("state", Map.of("waiting", w));
        }
      }
      s.put("lastState", lastState);
      return s;
    }

    void terminate() {
      Process p;
      synchronized (this) {
        p = process;
      }
      if (p != null && p.isAlive()) {
        p.destroy();
      }
    }

    void awaitExit(long nanos) {
      Process p = process;
      if (p != null) {
        try {
          p.waitFor(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    void kill() {
      Process p = process;
      if (p != null) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // container logs

  /**
   * One run's log files: {@code logs/<c>.log} (the output as written) and {@code logs/timestamped/<c>.log}
   * (each line prefixed with the time its first byte arrived, RFC 3339, and a space), written together by
   * one pump thread; the previous run's files become {@code <c>.previous.log}. {@link KubeletLogServer}
   * serves them.
   */
  static final class LogFiles implements AutoCloseable {
    private final java.io.FileOutputStream raw;
    private final java.io.FileOutputStream stamped;
    private boolean lineStart = true;

    private LogFiles(Path rawFile, Path stampedFile) throws IOException {
      this.raw = new java.io.FileOutputStream(rawFile.toFile(), true);
      this.stamped = new java.io.FileOutputStream(stampedFile.toFile(), true);
    }

    static LogFiles open(Path logs, String container) throws IOException {
      Path stampedDir = logs.resolve("timestamped");
      Files.createDirectories(stampedDir);
      Files.deleteIfExists(logs.resolve(container + ".exited"));
      for (Path dir : List.of(logs, stampedDir)) {
        Path current = dir.resolve(container + ".log");
        if (Files.exists(current)) {
          Files.move(current, dir.resolve(container + ".previous.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return new LogFiles(logs.resolve(container + ".log"), stampedDir.resolve(container + ".log"));
    }

    synchronized void write(byte[] b, int off, int len) throws IOException {
      raw.write(b, off, len);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(len + 64);
      String now = null;
      for (int i = off; i < off + len; i++) {
        if (lineStart) {
          if (now == null) {
            now = KubeletLogServer.timestamp(Instant.now());
          }
          out.writeBytes(now.getBytes(StandardCharsets.US_ASCII));
          out.write(' ');
          lineStart = false;
        }
        out.write(b[i]);
        if (b[i] == '\n') {
          lineStart = true;
        }
      }
      stamped.write(out.toByteArray()); // one write per chunk: a reader sees whole prefixes
    }

    void append(String text) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      try {
        write(b, 0, b.length);
      } catch (IOException ignored) {
        // diagnostics only
      }
    }

    /** Copies {@code in} (the process's output) into the files until it ends, on a daemon thread. */
    Thread pump(java.io.InputStream in, String threadName) {
      Thread t = new Thread(() -> {
        byte[] buf = new byte[8192];
        try (in) {
          for (int n; (n = in.read(buf)) >= 0; ) {
            write(buf, 0, n);
          }
        } catch (IOException ignored) {
          // the process is gone
        } finally {
          close();
        }
      }, threadName);
      t.setDaemon(true);
      t.start();
      return t;
    }

    @Override
    public synchronized void close() {
      try {
        raw.close();
        stamped.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // helpers

  /**
   * How a container runs: an image rule ({@link #runLocally}, {@link #mode}) if one matches; else the
   * chartreuse jar if its command is a chartreuse command or its image is the chartreuse image; else nothing.
   */
  private Mode modeFor(Container container) {
    String img = container.getImage() == null ? "" : container.getImage();
    for (var rule : imageModes) {
      if (rule.getKey().test(img)) {
        return rule.getValue();
      }
    }
    List<String> command = container.getCommand();
    if (command != null && !command.isEmpty()
        && CHARTREUSE_COMMANDS.contains(command.get(0).substring(command.get(0).lastIndexOf('/') + 1))) {
      return Mode.CHARTREUSE;
    }
    return chartreuseImage.test(img) ? Mode.CHARTREUSE : Mode.IDLE;
  }

  /** Default "chartreuse image" test: the repository's last path segment contains {@code chartreuse}. */
  public static boolean isChartreuseRepository(String image) {
    return repository(image).substring(repository(image).lastIndexOf('/') + 1).contains("chartreuse");
  }

  /** The image reference without tag and digest. */
  public static String repository(String image) {
    String s = image;
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      s = s.substring(0, colon);
    }
    return s;
  }

  private Path findJar() throws NotReadyYet {
    Path target = TestCluster.basedir().resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> {
        String n = p.getFileName().toString();
        return n.matches("chartreuse-.*([0-9]|-SNAPSHOT)\\.jar");
      }).findFirst().orElseThrow(() -> new NotReadyYet("CreateContainerError", "no chartreuse jar in " + target));
    } catch (IOException e) {
      throw new NotReadyYet("CreateContainerError", "no chartreuse jar in " + target + ": " + e);
    }
  }

  private static String stripSlash(String p) {
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /**
   * Rewrites container paths in {@code value} to local paths: a mapped prefix counts at the start, after
   * {@code = : , ; (}, whitespace, a quote or {@code file://}, and when followed by the end,
   * {@code / , : ; ) | &}, whitespace or a quote. The longest mapping wins.
   */
  static String rewrite(String value, Map<String, Path> mappings) {
    if (value == null || value.isEmpty() || mappings.isEmpty()) {
      return value;
    }
    List<String> prefixes = new ArrayList<>(mappings.keySet());
    prefixes.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder alternatives = new StringBuilder();
    for (String p : prefixes) {
      if (alternatives.length() > 0) {
        alternatives.append('|');
      }
      alternatives.append(Pattern.quote(p));
    }
    Pattern pattern = Pattern.compile("(?:^|(?<=[=:,;(\\s\"'`])|(?<=file://))(" + alternatives + ")(?=$|[/,:;)|&\\s\"'`])");
    Matcher m = pattern.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(mappings.get(m.group(1)).toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Kubernetes' {@code $(VAR)} expansion: defined variables are replaced, {@code $$} escapes, others stay. */
  static String expand(String value, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '$' && i + 1 < value.length()) {
        char n = value.charAt(i + 1);
        if (n == '$') {
          out.append('$');
          i++;
          continue;
        }
        if (n == '(') {
          int close = value.indexOf(')', i + 2);
          if (close > 0) {
            String var = value.substring(i + 2, close);
            if (env.containsKey(var)) {
              out.append(env.get(var));
              i = close;
              continue;
            }
          }
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static void writeFile(Path dir, String relative, byte[] content, Integer mode) throws IOException {
    Path file = dir.resolve(relative).normalize();
    if (!file.startsWith(dir)) {
      throw new IOException("path escapes the volume: " + relative);
    }
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    if (mode != null) {
      Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
      PosixFilePermission[] order = {
          PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
          PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
          PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
      for (int bit = 0; bit < 9; bit++) {
        if ((mode & (1 << bit)) != 0) {
          perms.add(order[bit]);
        }
      }
      perms.add(PosixFilePermission.OWNER_READ); // the test process must read what it wrote
      Files.setPosixFilePermissions(file, perms);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
