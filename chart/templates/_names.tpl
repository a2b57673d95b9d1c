{{/*
Names. Helm's named templates are global across an umbrella chart, hence the versioned prefix.
*/}}

{{/* The chart's name, or nameOverride; an alias of the subchart changes it, which keeps two chartreuse subcharts apart. */}}
{{- define "chartreuse.v1.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-<name>, or the release alone when it already contains the name; 52 characters leave room for "-ephemeral" and "-restore". */}}
{{- define "chartreuse.v1.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "chartreuse.v1.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* "true" when the migration Job is a Helm hook: Helm mode, except a pre-upgrade-mode install (then a plain resource). */}}
{{- define "chartreuse.v1.isHook" -}}
{{- if and (eq .Values.deploymentMethod "helm") (or (not .Values.upgradeBeforeDeployment) (not .Release.IsInstall)) -}}true{{- end -}}
{{- end -}}

{{/* "-ephemeral" for the hook Job and the short-lived resources it uses; "" otherwise. */}}
{{- define "chartreuse.v1.suffix" -}}
{{- if include "chartreuse.v1.isHook" . -}}-ephemeral{{- end -}}
{{- end -}}

{{/* Name of the runner's ServiceAccount for a set ("" or "-ephemeral"): serviceAccount.name wins. */}}
{{- define "chartreuse.v1.serviceAccountName" -}}
{{- $root := index . 0 -}}{{- $suffix := index . 1 -}}
{{- if $root.Values.serviceAccount.name -}}
{{- printf "%s%s" $root.Values.serviceAccount.name $suffix -}}
{{- else -}}
{{- printf "%s%s" (include "chartreuse.v1.fullname" $root) $suffix -}}
{{- end -}}
{{- end -}}

{{/* The status record the runner writes (and the plugin reads). */}}
{{- define "chartreuse.v1.statusConfigMap" -}}
{{- printf "%s-status" (include "chartreuse.v1.fullname" .) -}}
{{- end -}}

{{/* The Secret holding the database password, or "" when there is none. */}}
{{- define "chartreuse.v1.passwordSecret" -}}
{{- $root := index . 0 -}}{{- $suffix := index . 1 -}}
{{- if $root.Values.database.existingSecret -}}
{{- tpl $root.Values.database.existingSecret $root -}}
{{- else if or $root.Values.database.password $root.Values.database.externalSecret.enabled -}}
{{- printf "%s%s" (include "chartreuse.v1.fullname" $root) $suffix -}}
{{- end -}}
{{- end -}}

{{/* The key of the password in that Secret. */}}
{{- define "chartreuse.v1.passwordKey" -}}
{{- if .Values.database.existingSecret -}}{{ tpl .Values.database.existingSecretPasswordKey . }}{{- else -}}password{{- end -}}
{{- end -}}

{{/* "Kind/name" of the ephemeral resources other than the ConfigMap, as the runner's cleanup reads them. */}}
{{- define "chartreuse.v1.ephemeralResources" -}}
{{- $root := index . 0 -}}{{- $suffix := index . 1 -}}
{{- $name := printf "%s%s" (include "chartreuse.v1.fullname" $root) $suffix -}}
{{- $items := list -}}
{{- if $root.Values.serviceAccount.create -}}{{- $items = append $items (printf "ServiceAccount/%s" (include "chartreuse.v1.serviceAccountName" (list $root $suffix))) -}}{{- end -}}
{{- if $root.Values.rbac.create -}}{{- $items = concat $items (list (printf "Role/%s" $name) (printf "RoleBinding/%s" $name)) -}}{{- end -}}
{{- if $root.Values.database.externalSecret.enabled -}}{{- $items = append $items (printf "ExternalSecret/%s" $name) -}}
{{- else if and $root.Values.database.password (not $root.Values.database.existingSecret) -}}{{- $items = append $items (printf "Secret/%s" $name) -}}{{- end -}}
{{- join "," $items -}}
{{- end -}}

{{/* The migration Job's deadline: job.activeDeadlineSeconds, or (auto) the runner's own timeouts plus an hour for the migrations; nothing for 0. */}}
{{- define "chartreuse.v1.activeDeadlineSeconds" -}}
{{- $given := toString .Values.job.activeDeadlineSeconds -}}
{{- if eq $given "auto" -}}
{{- $t := .Values.timeouts -}}
{{- add (int $t.database) (int $t.lock) (mul 2 (int $t.stopPods)) 3600 -}}
{{- else if gt (int $given) 0 -}}
{{- int $given -}}
{{- end -}}
{{- end -}}
