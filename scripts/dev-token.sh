#!/usr/bin/env bash
# Prints a development JWT (HS256, valid 8 hours) for a named role, signed with the Development signing key of
# src/Innovation.Api/appsettings.Development.json: the API accepts it only when it runs in Development (`make run`).
# Usage: scripts/dev-token.sh ROLE [EMAIL] [ACADEMIE] [DEPARTEMENT]
#   carrier     a project's carrier (projects:carry); EMAIL is the team member's e-mail that makes them one
#   validator   the CARDIE: validates projects, writes experimentations, approves measurements
#   dasen       the DASEN: decides experimentations, limited to DEPARTEMENT (default 095)
#   accompanist an accompanist of a plan (confidential notes); EMAIL names them in the directory
# ACADEMIE defaults to 25 (Versailles). Needs bash, openssl and sed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

role="${1:-}"
email="${2:-}"
academie="${3:-25}"
departement="${4:-095}"
key=$(sed -n 's/.*"SigningKey": *"\([^"]*\)".*/\1/p' src/Innovation.Api/appsettings.Development.json)

read_scopes="schools:read networks:read projects:read accompaniment:read experimentations:read evaluation:read"
case "$role" in
  carrier) scopes="$read_scopes projects:carry" ;;
  validator) scopes="$read_scopes people:read projects:write projects:validate experimentations:write evaluation:write evaluation:approve" ;;
  dasen) scopes="$read_scopes experimentations:decide" ;;
  accompanist) scopes="$read_scopes accompaniment:write" ;;
  *) echo "usage: $0 carrier|validator|dasen|accompanist [EMAIL] [ACADEMIE] [DEPARTEMENT]" >&2; exit 2 ;;
esac
if [ "$role" != dasen ]; then departement=""; fi
if { [ "$role" = carrier ] || [ "$role" = accompanist ]; } && [ -z "$email" ]; then
  echo "$role: give the person's e-mail, e.g. $0 $role claire.martin@ac-versailles.fr" >&2; exit 2
fi

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
claims="{\"sub\":\"dev-$role${email:+-$email}\",\"academie\":\"$academie\",\"scope\":\"$scopes\""
claims+="${email:+,\"email\":\"$email\"}${departement:+,\"departement\":\"$departement\"},\"exp\":$(( $(date +%s) + 8 * 3600 ))}"
unsigned="$(printf '{"alg":"HS256","typ":"JWT"}' | base64url).$(printf '%s' "$claims" | base64url)"
printf '%s.%s\n' "$unsigned" "$(printf '%s' "$unsigned" | openssl dgst -sha256 -hmac "$key" -binary | base64url)"
