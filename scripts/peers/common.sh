# The set-up the peer benchmarks share (scripts/bench-peers*.sh): sourced, not run.
# Before sourcing, a script sets PEERS_NAME (for its messages); afterwards it has ROOT (and is in it), die,
# need_homeward BIN, need_glpsol LIMIT VARIABLE, and peers_venv VENV PACKAGE... (creates the venv when missing
# and installs the pinned packages into it). HIGHS_PACKAGE is the HiGHS every peer script pins.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HIGHS_PACKAGE=highspy==1.16.0

die() { echo "${PEERS_NAME:-bench-peers}: $*" >&2; exit 1; }

need_homeward() {
    [ -x "$1" ] || die "no homeward binary at $1 (build it: swift build -c release --scratch-path .build-bench --product homeward)"
}

# need_glpsol LIMIT VARIABLE: glpsol must be installed unless the limit is 0 (VARIABLE names the setting that leaves it out).
need_glpsol() {
    if [ "$1" != 0 ] && ! command -v glpsol >/dev/null; then
        die "glpsol is needed (make deps installs glpk-utils), or set $2=0 to leave it out"
    fi
}

peers_venv() {
    local venv="$1"; shift
    if [ ! -x "$venv/bin/python" ]; then
        echo "Creating $venv"
        python3 -m venv "$venv" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
    fi
    if [ "$#" -gt 0 ]; then
        echo "Installing into $venv: $*"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
    fi
}
