{{/* Fails rendering with one readable block naming every bad value and how to fix it. */}}
{{- define "chartreuse.v1.validate" -}}
{{- $errors := list -}}
{{- $url := tpl .Values.database.url . -}}
{{- if not $url -}}
{{- $errors = append $errors "database.url is required: jdbc:postgresql://host:5432/db or postgresql://host:5432/db" -}}
{{- else if not (or (hasPrefix "jdbc:postgresql://" $url) (hasPrefix "postgresql://" $url) (hasPrefix "postgres://" $url)) -}}
{{- $errors = append $errors "database.url must start with jdbc:postgresql://, postgresql:// or postgres://" -}}
{{- else if contains "@" $url -}}
{{- $errors = append $errors "database.url must not hold credentials (it is stored in a ConfigMap): use database.user and database.password or database.existingSecret" -}}
{{- end -}}
{{- $sources := 0 -}}
{{- if .Values.database.password }}{{ $sources = add1 $sources }}{{ end -}}
{{- if .Values.database.existingSecret }}{{ $sources = add1 $sources }}{{ end -}}
{{- if .Values.database.externalSecret.enabled }}{{ $sources = add1 $sources }}{{ end -}}
{{- if gt $sources 1 -}}
{{- $errors = append $errors "set only one of database.password, database.existingSecret and database.externalSecret.enabled" -}}
{{- end -}}
{{- if and .Values.database.externalSecret.enabled (not (and .Values.database.externalSecret.storeRef.name .Values.database.externalSecret.remoteRef.key)) -}}
{{- $errors = append $errors "database.externalSecret needs storeRef.name and remoteRef.key" -}}
{{- end -}}
{{- if and .Values.migrations.fromImage.repository (not .Values.migrations.fromImage.tag) -}}
{{- $errors = append $errors "migrations.fromImage.tag is required with migrations.fromImage.repository (the application image's tag)" -}}
{{- end -}}
{{- if and .Values.migrations.fromImage.jars (ne .Values.engine "flyway") -}}
{{- $errors = append $errors "migrations.fromImage.jars is for Flyway (engine: flyway); Alembic migrations are a directory" -}}
{{- end -}}
{{- if and .Values.migrations.fromImage.repository (eq .Values.engine "flyway") (not .Values.migrations.fromImage.jars) (not (hasPrefix "filesystem:" (first .Values.flyway.locations))) -}}
{{- $errors = append $errors "with migrations.fromImage, the first flyway.locations entry must be a filesystem: location (where the migrations are copied)" -}}
{{- end -}}
{{- if $errors -}}
{{- fail (printf "\n\nchartreuse VALUES VALIDATION:\n  - %s\n" (join "\n  - " $errors)) -}}
{{- end -}}
{{- end -}}
