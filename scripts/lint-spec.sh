#!/usr/bin/env bash
# Lints the committed OpenAPI document with Spectral (api-specs/.spectral.yaml); fails on any error or warning.
# Installs @stoplight/spectral-cli (pinned) under .tools/ with npm on first use; needs Node.js and npm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

version=6.16.3
spectral=.tools/spectral/node_modules/.bin/spectral
if [ ! -x "$spectral" ] || ! grep -q "\"version\": \"$version\"" .tools/spectral/node_modules/@stoplight/spectral-cli/package.json; then
  echo "lint-spec: installing @stoplight/spectral-cli $version under .tools/spectral"
  npm install --silent --no-audit --no-fund --prefix .tools/spectral "@stoplight/spectral-cli@$version"
fi
"$spectral" lint api-specs/innovation-v1.json --ruleset api-specs/.spectral.yaml --fail-severity warn
