{{/* Booleans the way the original chart encodes them, and the runner reads them: "1" or "". */}}
{{- define "chartreuse.v1.flag" -}}
{{- if . -}}"1"{{- else -}}""{{- end -}}
{{- end -}}

{{/* The runner's configuration (ConfigMap data). Engine-specific keys only for that engine: the runner rejects contradictions. */}}
{{- define "chartreuse.v1.configData" -}}
CHARTREUSE_RELEASE_NAME: {{ .Release.Name | quote }}
CHARTREUSE_ENGINE: {{ .Values.engine | quote }}
CHARTREUSE_DATABASE_URL: {{ tpl .Values.database.url . | quote }}
{{- with .Values.database.user }}
CHARTREUSE_DATABASE_USER: {{ tpl . $ | quote }}
{{- end }}
{{- if eq .Values.engine "flyway" }}
CHARTREUSE_FLYWAY_LOCATIONS: {{ join "," .Values.flyway.locations | quote }}
{{- if and .Values.migrations.fromImage.repository .Values.migrations.fromImage.jars }}
CHARTREUSE_FLYWAY_JARS: {{ include "chartreuse.v1.applicationJarsPath" . | quote }}
{{- end }}
{{- with .Values.flyway.schema }}
CHARTREUSE_DATABASE_SCHEMA: {{ . | quote }}
{{- end }}
{{- else }}
CHARTREUSE_ALEMBIC_DIRECTORY_PATH: {{ .Values.alembic.directoryPath | quote }}
CHARTREUSE_ALEMBIC_CONFIG_FILE_PATH: {{ .Values.alembic.configPath | quote }}
CHARTREUSE_ALEMBIC_ADDITIONAL_PARAMETERS: {{ .Values.alembic.additionalParameters | quote }}
{{- end }}
CHARTREUSE_ENABLE_STOP_PODS: {{ include "chartreuse.v1.flag" .Values.stopPods }}
CHARTREUSE_STOP_POLICY: {{ .Values.stopPolicy | quote }}
CHARTREUSE_UPGRADE_BEFORE_DEPLOYMENT: {{ include "chartreuse.v1.flag" .Values.upgradeBeforeDeployment }}
{{- /* helm template (and so Argo CD) always says "install": Argo CD mode never claims one. */}}
HELM_IS_INSTALL: {{ include "chartreuse.v1.flag" (and .Release.IsInstall (eq .Values.deploymentMethod "helm")) }}
HELM_CHART_APP_VERSION: {{ .Chart.AppVersion | quote }}
HELM_CHART_VERSION: {{ .Chart.AppVersion | quote }}
CHARTREUSE_ALLOW_EMPTY_DATABASE: {{ include "chartreuse.v1.flag" .Values.allowEmptyDatabase }}
CHARTREUSE_ALLOW_HISTORY_DRIFT: {{ include "chartreuse.v1.flag" .Values.allowHistoryDrift }}
CHARTREUSE_ON_FAILURE: {{ .Values.onFailure | quote }}
CHARTREUSE_DATABASE_WAIT_TIMEOUT: {{ .Values.timeouts.database | quote }}
CHARTREUSE_LOCK_TIMEOUT: {{ .Values.timeouts.lock | quote }}
CHARTREUSE_STOP_PODS_TIMEOUT: {{ .Values.timeouts.stopPods | quote }}
CHARTREUSE_MIGRATION_LOCK_TIMEOUT: {{ .Values.timeouts.migrationLock | quote }}
CHARTREUSE_STATUS_CONFIGMAP: {{ include "chartreuse.v1.statusConfigMap" . | quote }}
{{- range $name, $value := .Values.additionalEnvironmentVariables }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* Variables of the runner container that do not belong in a ConfigMap: the password, the Job and pod names. Call with (list $ suffix). */}}
{{- define "chartreuse.v1.podEnv" -}}
{{- $root := index . 0 -}}{{- $suffix := index . 1 -}}
{{- $secret := include "chartreuse.v1.passwordSecret" (list $root $suffix) -}}
{{- if $secret }}
- name: CHARTREUSE_DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ include "chartreuse.v1.passwordKey" $root }}
{{- end }}
- name: CHARTREUSE_JOB_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.labels['job-name']
- name: CHARTREUSE_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: CHARTREUSE_POD_UID
  valueFrom:
    fieldRef:
      fieldPath: metadata.uid
{{- end -}}

{{/* Pod settings shared by the migration and restore Jobs. */}}
{{- define "chartreuse.v1.podCommon" -}}
restartPolicy: Never
terminationGracePeriodSeconds: 30
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
{{ toYaml . | indent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
{{ toYaml . | indent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
{{ toYaml . | indent 2 }}
{{- end }}
securityContext:
{{ toYaml .Values.podSecurityContext | indent 2 }}
{{- end -}}

{{/* The runner image reference. */}}
{{- define "chartreuse.v1.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}


{{/* Where migrations.fromImage.jars puts the application's jars in the runner's container. */}}
{{- define "chartreuse.v1.applicationJarsPath" -}}
/app/application-jars
{{- end -}}
