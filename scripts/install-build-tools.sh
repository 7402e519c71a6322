#!/bin/sh
# Makes sure argmap's optional C reader (src/argmap/_fastyaml.c) can be built: a C compiler,
# libyaml's headers and the headers of the Python that builds it. Installs them with apt-get when
# run as root; otherwise says what to run. Never fatal: without them argmap installs and works,
# and only reads large maps about four times slower.
PYTHON="${1:-python3}"
python_headers() {
    "$PYTHON" -c "import os, sysconfig; raise SystemExit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))" 2>/dev/null
}
ready() {
    command -v cc >/dev/null 2>&1 && [ -f /usr/include/yaml.h ] && python_headers
}
if ready; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing a C compiler and libyaml's headers (for argmap's C reader) with apt-get ..."
    packages="gcc libc6-dev libyaml-dev"
    python_headers || packages="$packages python3-dev"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
    ready && exit 0
fi
cat >&2 <<'MSG'
argmap will install without its C reader, and read large maps about four times slower.
To build it, install a C compiler and libyaml's headers, then run the install again:
    Debian/Ubuntu:  sudo apt-get install gcc libyaml-dev python3-dev
    Fedora:         sudo dnf install gcc libyaml-devel python3-devel
    macOS:          brew install libyaml
MSG
exit 0
