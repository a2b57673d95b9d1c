# The real node of scripts/test-cluster (--real), sourced by it: a Docker engine from Debian with its own
# data/exec roots and socket, the kubelet (dockershim), kube-scheduler and kube-proxy built with the
# control plane, the pause image and the runner images. See docs/test-cluster.md.

IMAGES_CACHE=$CACHE_ROOT/images
DOCKER_DATA=$CACHE_ROOT/docker-data

# real_build: what a real node needs beyond the binaries: Debian's Docker engine, debootstrap and the
# local Debian base image's root filesystem.
real_build() {
  apt_install "$CACHE_ROOT/apt-install.log" docker.io debootstrap iptables
  build_base_rootfs
}

# base_rootfs_tar: the cached minimal Debian root filesystem (this machine's release), as a tarball.
base_rootfs_tar() { echo "$IMAGES_CACHE/debian-$(debian_codename)-minbase.tar"; }

# build_base_rootfs: debootstrap a minbase Debian from the machine's own mirror, without apt's caches,
# lists, documentation and locales (what Debian's -slim images leave out too); cached by release.
build_base_rootfs() {
  local tar logfile rootfs mirror codename
  tar=$(base_rootfs_tar)
  [[ -f $tar ]] && return 0
  logfile=$IMAGES_CACHE/debootstrap.log
  rootfs=$IMAGES_CACHE/rootfs.work
  mirror=$(debian_mirror)
  codename=$(debian_codename)
  mkdir -p "$IMAGES_CACHE"
  : >"$logfile"
  log "debootstrap --variant=minbase $codename from $mirror (about 1-2 min; log: $logfile)"
  rm -rf "$rootfs"
  run_step "debootstrap --variant=minbase $codename" "$logfile" \
    debootstrap --variant=minbase "$codename" "$rootfs" "$mirror"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*.log
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} +
  run_step "tar the root filesystem" "$logfile" \
    tar --numeric-owner --xattrs -C "$rootfs" -cf "$tar.tmp" .
  mv "$tar.tmp" "$tar"
  rm -rf "$rootfs"
  log "base root filesystem: $tar ($(du -m "$tar" | cut -f1) MB)"
}

# ---------------------------------------------------------------------------------------------
# host state: what dockerd, the kubelet and kube-proxy change on the machine, saved by `start --real`
# before anything runs and put back by `stop`.

HOST_SYSCTLS=(net.ipv4.ip_forward vm.overcommit_memory kernel.panic kernel.panic_on_oops
  net.ipv4.conf.all.route_localnet net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables
  net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_tcp_timeout_established
  net.netfilter.nf_conntrack_tcp_timeout_close_wait)
# Paths the kubelet, dockershim, dockerd and containerd write whatever their flags say.
HOST_PATHS=(/var/lib/kubelet /var/run/dockershim.sock /var/log/pods /var/log/containers /run/containerd
  /run/docker /var/run/docker /etc/docker /etc/docker/key.json /var/lib/dockershim /var/lib/cni /etc/cni /opt/cni)
CGROUP_ROOT=/sys/fs/cgroup
# One real node per machine: the paths above, docker0 and iptables are the machine's.
REAL_NODE_MARK=/run/chartreuse-real-node

host_save() {
  local h=$RUN_DIR/host name
  mkdir -p "$h"
  if [[ -e $REAL_NODE_MARK ]]; then
    fail "start --real" "" "a real node already runs on this machine (run dir $(<"$REAL_NODE_MARK")); stop it there first"
  fi
  echo "$RUN_DIR" >"$REAL_NODE_MARK"
  modprobe br_netfilter 2>/dev/null || true
  for name in "${HOST_SYSCTLS[@]}"; do
    [[ -e /proc/sys/${name//.//} ]] && echo "$name=$(sysctl -n "$name")"
  done >"$h/sysctls"
  iptables-save >"$h/iptables" 2>/dev/null
  ip6tables-save >"$h/ip6tables" 2>/dev/null || true
  for name in "${HOST_PATHS[@]}"; do [[ -e $name || -L $name ]] && echo "$name"; done >"$h/paths"
  find "$CGROUP_ROOT" -mindepth 2 -maxdepth 2 -type d \( -name kubepods -o -name docker \) >"$h/cgroups" 2>/dev/null || true
  ip link show docker0 >/dev/null 2>&1 && touch "$h/docker0" || true
}

# host_restore: undo what host_save recorded, whatever of the start had happened.
host_restore() {
  local h=$RUN_DIR/host line name
  [[ -d $h ]] || return 0
  # Secret/ServiceAccount tmpfs and other mounts under the kubelet's and Docker's dirs.
  awk -v re="^($RUN_DIR|/var/lib/kubelet|/run/docker|/run/containerd|$DOCKER_DATA)/" '$2 ~ re {print $2}' /proc/self/mounts |
    sort -r | while read -r name; do umount -l "$name" 2>/dev/null || true; done
  if [[ ! -f $h/docker0 ]] && ip link show docker0 >/dev/null 2>&1; then ip link del docker0 || true; fi
  # Leftover cgroups, deepest first (rmdir only removes empty ones).
  find "$CGROUP_ROOT" -mindepth 2 -maxdepth 2 -type d \( -name kubepods -o -name docker \) 2>/dev/null |
    while read -r name; do
      grep -qxF "$name" "$h/cgroups" && continue
      find "$name" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    done
  restore_iptables iptables "$h/iptables"
  restore_iptables ip6tables "$h/ip6tables"
  while IFS= read -r line; do sysctl -q -w "$line" >/dev/null 2>&1 || log "could not restore sysctl $line"; done <"$h/sysctls"
  for name in "${HOST_PATHS[@]}"; do
    if [[ -e $name || -L $name ]] && ! grep -qxF "$name" "$h/paths"; then rm -rf "$name"; fi
  done
  rm -f "$REAL_NODE_MARK"
  rm -rf "$h"
}

# restore_iptables TOOL SAVED: empty every table, then load what was saved (restore alone leaves the
# tables the save did not mention, and chains the save did not have, as they are).
restore_iptables() {
  local tool=$1 saved=$2 table chain
  [[ -f $saved ]] || return 0
  for table in filter nat mangle raw; do
    "$tool" -t "$table" -F 2>/dev/null || continue
    "$tool" -t "$table" -X 2>/dev/null || true
    for chain in INPUT FORWARD OUTPUT PREROUTING POSTROUTING; do
      "$tool" -t "$table" -P "$chain" ACCEPT 2>/dev/null || true
    done
  done
  "${tool}-restore" <"$saved" || log "could not restore $tool from $saved"
}

# ---------------------------------------------------------------------------------------------
# the Docker engine

DOCKER_SOCK() { echo "$RUN_DIR/docker.sock"; }
docker_cli() { DOCKER_HOST="unix://$RUN_DIR/docker.sock" /usr/bin/docker "$@"; }

start_docker() {
  local logfile=$RUN_DIR/logs/dockerd.log
  mkdir -p "$RUN_DIR/dx" "$DOCKER_DATA"
  echo '{}' >"$RUN_DIR/daemon.json"
  start_process dockerd "$logfile" /usr/sbin/dockerd --config-file "$RUN_DIR/daemon.json" \
    --data-root "$DOCKER_DATA" --exec-root "$RUN_DIR/dx" -H "unix://$RUN_DIR/docker.sock" \
    --pidfile "$RUN_DIR/dockerd.pid" --add-runtime "clamp=$SCRIPT_DIR/lib/runc-clamp" --default-runtime clamp \
    --log-driver json-file --userland-proxy=false
  wait_for "start dockerd (Debian's docker.io)" "$logfile" dockerd 60 docker_cli version
}

# stop_docker: remove every container (the kubelet leaves its pods' running), then end dockerd, which ends
# its containerd.
stop_docker() {
  if process_alive dockerd; then
    local ids
    ids=$(docker_cli ps -aq 2>/dev/null || true)
    [[ -n $ids ]] && docker_cli rm -f $ids >/dev/null 2>&1 || true
    local pid
    pid=$(<"$RUN_DIR/pids/dockerd.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do process_alive dockerd || break; sleep 0.1; done
  fi
  stop_one dockerd "${1:-}"
}

# ---------------------------------------------------------------------------------------------
# images, loaded into the node's Docker under the names and tags the chart uses by default

LOCAL_BASE_IMAGE=chartreuse-local/debian
PAUSE_IMAGE=chartreuse-local/pause:$K8S_VERSION
SHOP_APP_IMAGE=example/shop:1.0.0

# chart_app_version: the chart's appVersion, the runner image's default tag.
chart_app_version() { sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$REPO_DIR/chart/Chart.yaml"; }
runner_image() { echo "chartreuse/chartreuse:$(chart_app_version)"; }
alembic_image() { echo "chartreuse-examples/alembic:$(chart_app_version)"; }
base_image() { echo "$LOCAL_BASE_IMAGE:$(debian_codename)"; }

# load_images: the local Debian base (imported once), the pause image, the runner image (Dockerfile, on
# the local base) and the Alembic example image (examples/alembic); Docker's layer cache (in the cache
# dir) makes a rebuild with an unchanged jar take seconds.
load_images() {
  local logfile=$RUN_DIR/logs/images.log t0=$SECONDS
  if ! docker_cli image inspect "$(base_image)" >/dev/null 2>&1; then
    run_step "docker import $(base_rootfs_tar)" "$logfile" \
      docker_cli import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      "$(base_rootfs_tar)" "$(base_image)"
  fi
  local ctx=$RUN_DIR/pause-image
  mkdir -p "$ctx"
  cp "$K8S_CACHE/bin/pause" "$ctx/pause"
  printf 'FROM scratch\nCOPY pause /pause\nUSER 65535:65535\nENTRYPOINT ["/pause"]\n' >"$ctx/Dockerfile"
  run_step "docker build $PAUSE_IMAGE" "$logfile" docker_cli build -q -t "$PAUSE_IMAGE" "$ctx"
  # examples/shop's application image: any process that runs until told to stop will do.
  docker_cli tag "$PAUSE_IMAGE" "$SHOP_APP_IMAGE"
  log "building the runner image $(runner_image) on $(base_image) (first time 2-4 min; log: $logfile)"
  run_step "docker build $(runner_image) (Dockerfile)" "$logfile" \
    docker_cli build --build-arg "BASE=$(base_image)" -t "$(runner_image)" "$REPO_DIR"
  run_step "docker build $(alembic_image) (examples/alembic)" "$logfile" \
    docker_cli build --build-arg "BASE=$(base_image)" --build-arg "CHARTREUSE_IMAGE=$(runner_image)" \
    -t "$(alembic_image)" "$REPO_DIR/examples/alembic"
  log "images ready in $((SECONDS - t0)) s: $(runner_image), $(alembic_image), $PAUSE_IMAGE"
}

# ---------------------------------------------------------------------------------------------
# the node

HOST_IP=
NODE_NAME=
real_preflight() {
  [[ $(id -u) -eq 0 ]] || fail "start --real" "" "a real node needs root (dockerd, the kubelet, iptables)"
  compgen -G "$REPO_DIR/target/chartreuse-*[0-9].jar" >/dev/null || fail "start --real" "" \
    "no chartreuse jar in $REPO_DIR/target for the runner image: mvn -B -q package -DskipTests"
  [[ -e $REAL_NODE_MARK && $(<"$REAL_NODE_MARK") != "$RUN_DIR" ]] && fail "start --real" "" \
    "a real node already runs on this machine (run dir $(<"$REAL_NODE_MARK")); stop it there first"
  HOST_IP=$(ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')
  [[ -n $HOST_IP ]] || fail "start --real" "" "no IPv4 default route: the node needs the host's address"
  NODE_NAME=$(hostname | tr 'A-Z' 'a-z')
}

# node_cert NAME CN [O] [SAN]: a client (or, with SAN, serving) certificate signed by the test CA.
node_cert() {
  local c=$RUN_DIR/certs name=$1 cn=$2 org=${3:-} san=${4:-} logfile=$RUN_DIR/logs/certs.log
  printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n%s' \
    "${san:+serverAuth,}clientAuth" "${san:+subjectAltName=$san
}" >"$c/$name.ext"
  run_step "create $name key (openssl)" "$logfile" openssl req -newkey rsa:2048 -nodes \
    -keyout "$c/$name.key" -out "$c/$name.csr" -subj "${org:+/O=$org}/CN=$cn"
  run_step "sign $name certificate (openssl)" "$logfile" openssl x509 -req -in "$c/$name.csr" \
    -CA "$c/ca.crt" -CAkey "$c/ca.key" -CAcreateserial -days 30 -extfile "$c/$name.ext" -out "$c/$name.crt"
}

# real_certs: the API server's client certificate for kubelets, the kubelet's (serving and node client).
real_certs() {
  node_cert apiserver-kubelet kube-apiserver-kubelet-client system:masters
  node_cert kubelet "system:node:$NODE_NAME" system:nodes "IP:$HOST_IP,IP:127.0.0.1,DNS:$NODE_NAME"
}

# real_start SERVER TOKEN: the node after the control plane: host state saved, dockerd, images, then
# kube-scheduler, the kubelet and kube-proxy; ready when the node is Ready.
real_start() {
  local server=$1 token=$2 c=$RUN_DIR/certs t0=$SECONDS
  # A step that fails ends what was started and puts the host back (wait_for does so itself).
  trap '[[ $? -eq 0 ]] || stop_processes quiet' EXIT
  host_save
  start_docker
  load_images
  local ca_data
  ca_data=$(base64 -w0 "$c/ca.crt")
  cat >"$RUN_DIR/kubelet.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: test, cluster: {server: "$server", certificate-authority-data: $ca_data}}]
users: [{name: node, user: {client-certificate: $c/kubelet.crt, client-key: $c/kubelet.key}}]
contexts: [{name: test, context: {cluster: test, user: node}}]
current-context: test
EOF
  cat >"$RUN_DIR/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 0.0.0.0
port: 10250
readOnlyPort: 0
healthzPort: 0
failSwapOn: false
cgroupDriver: cgroupfs
tlsCertFile: $c/kubelet.crt
tlsPrivateKeyFile: $c/kubelet.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $c/ca.crt}
authorization: {mode: Webhook}
# The images cannot be pulled again: never collect them, never evict for a fuller disk.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "50Mi", nodefs.available: "1%", imagefs.available: "1%"}
serializeImagePulls: false
EOF
  local admin=$RUN_DIR/admin.kubeconfig
  start_process kube-scheduler "$RUN_DIR/logs/kube-scheduler.log" "$K8S_CACHE/bin/kube-scheduler" \
    --kubeconfig="$admin" --leader-elect=false --port=0 --bind-address=127.0.0.1 --secure-port=0 \
    --profiling=false --logtostderr=true --v=1
  mkdir -p "$RUN_DIR/kubelet"
  start_process kubelet "$RUN_DIR/logs/kubelet.log" "$K8S_CACHE/bin/kubelet" \
    --config="$RUN_DIR/kubelet.yaml" --kubeconfig="$RUN_DIR/kubelet.kubeconfig" \
    --container-runtime=docker --docker-endpoint="unix://$RUN_DIR/docker.sock" \
    --pod-infra-container-image="$PAUSE_IMAGE" --root-dir="$RUN_DIR/kubelet" \
    --node-ip="$HOST_IP" --hostname-override="$NODE_NAME" --logtostderr=true --v=1
  start_process kube-proxy "$RUN_DIR/logs/kube-proxy.log" "$K8S_CACHE/bin/kube-proxy" \
    --kubeconfig="$admin" --proxy-mode=iptables --cluster-cidr=172.17.0.0/16 --hostname-override="$NODE_NAME" \
    --conntrack-max-per-core=0 --conntrack-tcp-timeout-established=0 --conntrack-tcp-timeout-close-wait=0 \
    --healthz-bind-address=127.0.0.1:10256 --metrics-bind-address=127.0.0.1:10249 --logtostderr=true --v=1
  wait_for "start the kubelet (node $NODE_NAME Ready)" "$RUN_DIR/logs/kubelet.log" kubelet 120 \
    bash -c '"$1" --kubeconfig "$2" get node "$3" -o jsonpath="{.status.conditions[?(@.type==\"Ready\")].status}" | grep -qx True' \
    _ "$K8S_CACHE/bin/kubectl" "$admin" "$NODE_NAME"
  # kube-proxy is ready when the kubernetes Service has its rules; the scheduler must still run.
  wait_for "start kube-proxy (the kubernetes Service's iptables rules)" "$RUN_DIR/logs/kube-proxy.log" kube-proxy 60 \
    bash -c 'iptables -t nat -S KUBE-SERVICES | grep -q default/kubernetes'
  process_alive kube-scheduler || { stop_processes quiet; fail "start kube-scheduler" "$RUN_DIR/logs/kube-scheduler.log" "exited"; }
  local bridge_ip
  bridge_ip=$(ip -4 -o addr show docker0 | sed -n 's/.* inet \([0-9.]*\)\/.*/\1/p')
  sed -i "s|^KUBECTL=.*|KUBECTL=$K8S_CACHE/bin/kubectl|" "$RUN_DIR/cluster.env"
  cat >>"$RUN_DIR/cluster.env" <<EOF
CHARTREUSE_TEST_NODE=real
CHARTREUSE_TEST_HOST_ADDRESS=$bridge_ip
CHARTREUSE_TEST_DOCKER_HOST=unix://$RUN_DIR/docker.sock
CHARTREUSE_TEST_RUNNER_IMAGE=$(runner_image)
CHARTREUSE_TEST_ALEMBIC_IMAGE=$(alembic_image)
EOF
  trap - EXIT
  log "real node $NODE_NAME Ready in $((SECONDS - t0)) s (pods reach the host at $bridge_ip)"
}

# real_stop [quiet]: the node's processes newest first, every container, then dockerd.
real_stop() {
  local name
  for name in kube-proxy kubelet kube-scheduler; do stop_one "$name" "${1:-}"; done
  stop_docker "${1:-}"
}
