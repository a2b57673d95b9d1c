{{/* Standard labels; "component" names what a resource is for. Call with (list $ "component"). */}}
{{- define "chartreuse.v1.labels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "chartreuse.v1.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
app.kubernetes.io/part-of: chartreuse
app.kubernetes.io/component: {{ index . 1 }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}
