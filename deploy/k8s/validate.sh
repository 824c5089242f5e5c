#!/usr/bin/env bash
# Renders both overlays with kustomize and checks every object against the Kubernetes API schemas, without a
# cluster. Needs kubectl (its built-in kustomize) and node/npm. The Maven test DeployManifestTest checks the rest
# (ports, probes, topics, databases, configuration keys) against the code.
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for overlay in local prod; do
  kubectl kustomize "overlays/$overlay" > "$out/$overlay.yaml"
done
(cd validate && npm install --no-audit --no-fund --silent)
node validate/validate.mjs "$out/local.yaml" "$out/prod.yaml"
