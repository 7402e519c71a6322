#!/bin/sh
# Makes sure a Chromium browser is on PATH for the browser tests of `argmap report`
# (tests/test_report_browser.py): installs Debian's `chromium` when run as root, otherwise says
# what to run. Never fails the install: without Chromium those tests skip, saying why.
# Playwright drives this system browser; never run `playwright install` (it downloads one).
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium with apt-get (for the browser tests of argmap report) ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    command -v chromium >/dev/null 2>&1 && exit 0
fi
cat >&2 <<'MSG'
The browser tests of `argmap report` need Chromium, and it is not on PATH; they will be skipped.
To run them, install it:
    Debian/Ubuntu:  sudo apt-get install chromium
    Fedora:         sudo dnf install chromium
(`argmap report` itself does not need a browser to write the page.)
MSG
exit 0
