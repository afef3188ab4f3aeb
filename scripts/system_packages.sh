#!/usr/bin/env bash
# The Debian packages the PDF report needs (WeasyPrint draws with Pango; Noto fonts for
# Arabic; poppler's pdftotext reads reports back in the tests). Installed when missing and
# allowed (root with apt-get); otherwise says what to install. Never fails the caller.
set -u
missing=()
ldconfig -p 2>/dev/null | grep -q "libpango-1.0" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -q "Noto Naskh Arabic" || missing+=(fonts-noto-core)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null) \
    || echo "Could not install ${missing[*]}: PDF reports may not be made." >&2
else
  echo "For PDF reports, install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
fi
exit 0
