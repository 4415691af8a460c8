#!/usr/bin/env bash
# Installs the independent checkers some tests run on CollabBot's outputs, from Debian:
#   bibtex            texlive-binaries, texlive-base   (Formats/BibTeXTests: citations read whole by BibTeX)
#   promtool          prometheus                       (MetricsTests: /metrics passes `promtool check metrics`)
#   python3 modules   python3-icalendar,               (CalendarFeedTests: the feeds expanded by Python's
#                     python3-recurring-ical-events     icalendar and recurring_ical_events)
# Each test skips with a reason when its checker is missing, so this is for CI and for anyone who wants the
# full check locally. Idempotent: installs only what is missing, without recommended packages, and never
# starts the Prometheus server the package ships.
#
# .ci/run calls it before `dotnet test` (as root, DEBIAN_FRONTEND=noninteractive):
#     bash .ci/checkers.sh
set -euo pipefail

missing=()
command -v bibtex >/dev/null 2>&1 || missing+=(texlive-binaries texlive-base)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
/usr/bin/python3 -c "import icalendar" >/dev/null 2>&1 || missing+=(python3-icalendar)
/usr/bin/python3 -c "import recurring_ical_events" >/dev/null 2>&1 || missing+=(python3-recurring-ical-events)

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "Checkers already installed: bibtex, promtool, python3-icalendar, python3-recurring-ical-events"
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "Installing ${missing[*]} needs root (apt-get install)." >&2
    exit 1
fi

echo "Installing ${missing[*]} (Debian)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# policy-rc.d keeps the prometheus package from starting its server (nothing here needs it running).
policy=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    created_policy=1
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [[ $created_policy -eq 1 ]]; then
    rm -f "$policy"
fi

bibtex --version | head -n 1
promtool --version 2>&1 | head -n 1
/usr/bin/python3 -c "import icalendar, recurring_ical_events; print('python3 icalendar', icalendar.__version__)"
