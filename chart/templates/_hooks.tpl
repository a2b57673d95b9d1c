{{/*
Hook annotations by mode (reference: the original chart, with the fixes listed in docs/chart.md):
- Helm, post mode: Job post-install,post-upgrade at weight W; its dependencies the same events at W-1,
  deleted by Helm only before the next creation: the runner deletes them at the end of its run (their
  owner, the -ephemeral ConfigMap), because Helm 4 deletes a failed hook's predecessors that have
  hook-succeeded, even while the Job still runs (its --timeout ended), taking the runner's credentials.
- Helm, pre mode: Job pre-upgrade at W on upgrades; on install a plain resource (no hook).
- Argo CD: Job Sync hook (BeforeHookCreation) at wave syncWave; dependencies plain resources one wave earlier.
*/}}

{{- define "chartreuse.v1.hookEvents" -}}
{{- if .Values.upgradeBeforeDeployment -}}pre-upgrade{{- else -}}post-install,post-upgrade{{- end -}}
{{- end -}}

{{/* Annotations of the migration Job. */}}
{{- define "chartreuse.v1.jobAnnotations" -}}
{{- if eq .Values.deploymentMethod "argocd" }}
argocd.argoproj.io/hook: Sync
argocd.argoproj.io/hook-delete-policy: BeforeHookCreation
argocd.argoproj.io/sync-wave: {{ .Values.argocd.syncWave | quote }}
{{- else if include "chartreuse.v1.isHook" . }}
helm.sh/hook: {{ include "chartreuse.v1.hookEvents" . }}
helm.sh/hook-weight: {{ .Values.upgradeJobWeight | quote }}
helm.sh/hook-delete-policy: before-hook-creation
{{- end }}
{{- end -}}

{{/* Annotations of the resources the migration Job uses (ServiceAccount, Role, RoleBinding, ConfigMap, Secret). Call with (list $ suffix). */}}
{{- define "chartreuse.v1.dependencyAnnotations" -}}
{{- $root := index . 0 -}}{{- $suffix := index . 1 -}}
{{- if eq $root.Values.deploymentMethod "argocd" }}
argocd.argoproj.io/sync-wave: {{ sub (int $root.Values.argocd.syncWave) 1 | quote }}
{{- else if $suffix }}
helm.sh/hook: {{ include "chartreuse.v1.hookEvents" $root }}
helm.sh/hook-weight: {{ sub (int $root.Values.upgradeJobWeight) 1 | quote }}
helm.sh/hook-delete-policy: before-hook-creation
{{- end }}
{{- end -}}

{{/* The sets of dependencies to render: "-ephemeral" for a hook Job; "" (plain) for Argo CD, pre-mode installs and the restore Job. */}}
{{- define "chartreuse.v1.dependencySets" -}}
{{- $sets := list -}}
{{- if include "chartreuse.v1.isHook" . -}}{{- $sets = append $sets "-ephemeral" -}}{{- end -}}
{{- if or (eq .Values.deploymentMethod "argocd") .Values.upgradeBeforeDeployment -}}{{- $sets = append $sets "" -}}{{- end -}}
{{- toJson $sets -}}
{{- end -}}
