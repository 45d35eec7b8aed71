{{/*
The image reference: image.repository:image.tag, or the chart's appVersion when no tag is given.
A development chart (appVersion -SNAPSHOT) has no published image, so a tag is required.
*/}}
{{- define "winfleet.image" -}}
{{- if .Values.image.tag -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- else if contains "SNAPSHOT" .Chart.AppVersion -}}
{{ fail (printf "winfleet %s is a development build and no image is published for it: build one (docs/decisions/0002-container-image.md) and set image.repository and image.tag" .Chart.AppVersion) }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Chart.AppVersion }}
{{- end -}}
{{- end }}
