# Shared by the benchmarks that need a Kubernetes control plane (bench/status-benchmark, bench/startup):
# source it from the repository's root after defining log and fail, with WORK set to a scratch directory.
#
#   start_control_plane   starts scripts/test-cluster (run dir CHARTREUSE_TEST_CLUSTER_DIR), stopped at the
#                         script's exit, also on failure or ^C; exports KUBECONFIG, HELM and KUBECTL
#   plugin_path DIR       a directory for PATH in which `kubectl` is the test kubectl and
#                         `kubectl-chartreuse` is DIR's bin/kubectl-chartreuse (kubectl's plugin dispatch)
#   install_shop NAME NS  `helm install --no-hooks` of examples/shop (a copy: the checkout is left alone);
#                         sets HELM_INSTALL_S to the seconds it took

stop_control_plane() {
  log "stopping the control plane in $CHARTREUSE_TEST_CLUSTER_DIR"
  scripts/test-cluster stop >&2 || true
}

start_control_plane() {
  local attempt cluster_env
  trap stop_control_plane EXIT
  log "starting a control plane in $CHARTREUSE_TEST_CLUSTER_DIR"
  # A port chosen free can be taken by another control plane before it is bound: up to 3 attempts.
  for attempt in 1 2 3; do
    if cluster_env=$(scripts/test-cluster start); then break; fi
    (( attempt < 3 )) || fail "scripts/test-cluster start"
    log "scripts/test-cluster start failed (attempt $attempt); trying again"
  done
  eval "$cluster_env"
  export KUBECONFIG HELM KUBECTL
}

plugin_path() {
  local dir=$WORK/path-$(basename "$1")
  mkdir -p "$dir"
  ln -sfn "$KUBECTL" "$dir/kubectl"
  ln -sfn "$1/bin/kubectl-chartreuse" "$dir/kubectl-chartreuse"
  printf '%s\n' "$dir"
}

install_shop() {
  local name=$1 namespace=$2 t0
  if [[ ! -d $WORK/charts/examples/shop ]]; then
    mkdir -p "$WORK/charts/examples"
    cp -r chart "$WORK/charts/chart"
    cp -r examples/shop "$WORK/charts/examples/shop"
    rm -rf "$WORK/charts/examples/shop/charts"
    "$HELM" dependency update "$WORK/charts/examples/shop" >"$WORK/helm-dependency.log" 2>&1 \
      || { cat "$WORK/helm-dependency.log" >&2; fail "helm dependency update examples/shop"; }
  fi
  t0=$(date +%s.%N)
  "$HELM" install "$name" "$WORK/charts/examples/shop" -n "$namespace" --no-hooks >"$WORK/helm-install.log" 2>&1 \
    || { cat "$WORK/helm-install.log" >&2; fail "helm install --no-hooks $name"; }
  HELM_INSTALL_S=$(python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$t0" "$(date +%s.%N)")
  log "release $name installed with helm install --no-hooks in $HELM_INSTALL_S s"
}
