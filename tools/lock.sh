#!/bin/sh
# Regenerate requirements/{runtime,test,lab}.lock from pyproject.toml by resolving each set in a fresh
# virtual environment and pinning what pip installed (the package itself excluded).
#   tools/lock.sh            rewrite requirements/*.lock
#   tools/lock.sh OUT_DIR    write the three locks to OUT_DIR instead (to compare before replacing)
# test.lock and lab.lock hold only what their extra adds on top of runtime.lock (they start with
# "-r runtime.lock"). Needs python3 and access to a package index.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/requirements"}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# pinned distributions of a venv, the project and the installers left out (unsorted)
freeze() { "$1/bin/python" -m pip freeze --exclude-editable --all | grep -v -i -E '^(hzanalysis|pip|setuptools|wheel)[=@ ]'; }
venv() { python3 -m venv "$work/$1" && "$work/$1/bin/python" -m pip -q install --upgrade pip; }

venv base
"$work/base/bin/python" -m pip -q install "$root"
# runtime.lock is sorted by lower-cased name, the extras in byte order (as the committed locks are)
by_name() { python3 -c 'import sys; sys.stdout.writelines(sorted(sys.stdin, key=lambda l: l.split("==")[0].lower()))'; }
freeze "$work/base" | by_name > "$work/runtime.txt"

for extra in test lab; do
    venv "$extra"
    # the extra is resolved on top of the runtime pins, so the three locks install together
    "$work/$extra/bin/python" -m pip -q install -c "$work/runtime.txt" "$root[$extra]"
    freeze "$work/$extra" | grep -v -x -F -f "$work/runtime.txt" | LC_ALL=C sort > "$work/$extra.txt"
done

{ echo "# Pinned runtime dependencies: make installs from this file. Regenerate with tools/lock.sh."
  cat "$work/runtime.txt"; } > "$out/runtime.lock"
{ echo "# Test extras on top of the runtime pins. Regenerate with tools/lock.sh."
  echo "-r runtime.lock"; cat "$work/test.txt"; } > "$out/test.lock"
{ echo "# JupyterLab on top of the runtime pins (make lab). Regenerate with tools/lock.sh."
  echo "-r runtime.lock"; cat "$work/lab.txt"; } > "$out/lab.lock"
echo "wrote $out/runtime.lock, test.lock, lab.lock"
