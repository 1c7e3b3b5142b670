#!/usr/bin/env bash
# Debian packages the tests and benchmarks use: real datasets (scikit-learn's data files,
# Fashion-MNIST), Chromium for the browser tests, redis-server for the queue tests, python3-torch to
# train and export (torch.onnx.export) the ONNX model of the user-model test. Needs root (CI runs as root).
set -euo pipefail
packages=(python3-sklearn dataset-fashion-mnist chromium ripgrep libkrb5-dev zstd redis-server python3-torch)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all Debian packages present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-system: missing ${missing[*]}; run as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-system: installed ${missing[*]}"
