#!/usr/bin/env bash
# Installs what the tests start themselves on a fresh Debian machine; the README's test command
# runs it before `mvn -B verify`. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests start themselves, as a command they need -> its package. (The npm
# tools of the schemas module's generator tests are installed by those tests, with npm ci;
# python3 runs the Python they generate.)
declare -A needed=(
  [mvn]=maven
  [redis-server]=redis-server
  [nginx]=nginx
  [openssl]=openssl
  [curl]=curl
  [prometheus]=prometheus
  [promtool]=prometheus
  [node]=nodejs
  [npm]=npm
  [python3]=python3
)

missing=()
for command in "${!needed[@]}"; do
  # nginx lives in /usr/sbin, which is not on every user's PATH
  command -v "$command" >/dev/null 2>&1 || [[ -x /usr/sbin/$command ]] || missing+=("${needed[$command]}")
done

if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
