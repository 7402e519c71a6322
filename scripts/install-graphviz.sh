#!/bin/sh
# Makes sure Graphviz's `dot` binary is on PATH: installs Debian's `graphviz` when run as root,
# otherwise says exactly what to run.
if command -v dot >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Graphviz (dot) with apt-get ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null
    command -v dot >/dev/null 2>&1 && exit 0
fi
cat >&2 <<'MSG'
argmap needs Graphviz's `dot` binary to draw maps, and it is not on PATH.
Install it, then run the command again:
    Debian/Ubuntu:  sudo apt-get install graphviz
    Fedora:         sudo dnf install graphviz
    macOS:          brew install graphviz
(`argmap check` works without it, and `argmap render -o map.dot` writes DOT source without it.)
MSG
exit 1
