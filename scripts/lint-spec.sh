#!/usr/bin/env bash
# Lints the committed OpenAPI document with Spectral (spectral:oas and the OWASP ruleset, api-specs/.spectral.yaml) and with
# Redocly (recommended, api-specs/redocly.yaml); fails on any error or warning of either.
# Installs the pinned tools under .tools/ with npm on first use; needs Node.js (20.19 or later) and npm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

spectral_version=6.16.3
owasp_version=2.0.1
redocly_version=2.77.0

installed() { grep -q "\"version\": \"$2\"" "$1/package.json" 2>/dev/null; }

spectral=.tools/spectral/node_modules/.bin/spectral
if ! installed .tools/spectral/node_modules/@stoplight/spectral-cli "$spectral_version" \
  || ! installed .tools/spectral/node_modules/@stoplight/spectral-owasp-ruleset "$owasp_version"; then
  echo "lint-spec: installing @stoplight/spectral-cli $spectral_version and @stoplight/spectral-owasp-ruleset $owasp_version under .tools/spectral"
  npm install --silent --no-audit --no-fund --prefix .tools/spectral \
    "@stoplight/spectral-cli@$spectral_version" "@stoplight/spectral-owasp-ruleset@$owasp_version"
fi
# Spectral resolves the rulesets a ruleset extends from the ruleset's own folder: point it at the pinned install (ignored by git).
ln -sfn ../.tools/spectral/node_modules api-specs/node_modules

redocly=.tools/redocly/node_modules/.bin/redocly
if ! installed .tools/redocly/node_modules/@redocly/cli "$redocly_version"; then
  echo "lint-spec: installing @redocly/cli $redocly_version under .tools/redocly"
  npm install --silent --no-audit --no-fund --prefix .tools/redocly "@redocly/cli@$redocly_version"
fi

"$spectral" lint api-specs/innovation-v1.json --ruleset api-specs/.spectral.yaml --fail-severity warn

# Redocly fails on errors only: its JSON report's totals make a warning fail too.
report=$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true "$redocly" lint api-specs/innovation-v1.json \
  --config api-specs/redocly.yaml --format json 2>/dev/null || true)
totals=$(node -e 'const t = JSON.parse(require("fs").readFileSync(0, "utf8")).totals; console.log(`${t.errors} ${t.warnings}`)' <<<"$report")
read -r errors warnings <<<"$totals"
echo "lint-spec: Redocly (recommended): $errors errors, $warnings warnings"
if [ "$errors" != 0 ] || [ "$warnings" != 0 ]; then
  REDOCLY_TELEMETRY=off "$redocly" lint api-specs/innovation-v1.json --config api-specs/redocly.yaml --format stylish || true
  exit 1
fi
