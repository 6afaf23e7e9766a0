#!/usr/bin/env bash
# Screenshots of an assessment page at 1280 and 390 pixels wide, and the page printed on A4, in headless
# Chromium, to check that every table fits (issue #22, item 5). Writes out/screens/ (git-ignored).
#
#   scripts/report-screenshots.sh [ASSESSMENT.html ...]
#
# With no argument, assesses the small test scenario first (Tests/HomewardCLITests/Fixtures/small-changes.yaml).
# Needs Chromium (Debian: apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "Chromium is not installed (Debian: apt-get install chromium)" >&2
    exit 69
fi
screens=out/screens
mkdir -p "$screens"
pages=("$@")
if [ ${#pages[@]} -eq 0 ]; then
    swift build --product homeward >/dev/null
    .build/debug/homeward assess Tests/HomewardCLITests/Fixtures/small-changes.yaml --out out/screens/small --force >/dev/null
    pages=(out/screens/small/assessment.html)
fi
for page in "${pages[@]}"; do
    name=$(basename "$(dirname "$page")")
    url="file://$(realpath "$page")"
    for width in 1280 390; do
        "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$screens/$name-$width.png" \
            --window-size="$width,6000" "$url" 2>/dev/null
    done
    "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$screens/$name-a4.pdf" "$url" 2>/dev/null
    echo "$screens/$name-1280.png, $name-390.png and $name-a4.pdf"
done
