#!/bin/sh
# Fails when a file of the build, the products or the launchers refers to the team's ../shared folder:
# a lab's clone has nothing beside it, so only tests may read it, through the medad.testdata and
# medad.fixtures properties (their defaults in the root pom.xml are the one allowed mention).
cd "$(dirname "$0")/../.."
dir='\.\./shared'
hits=$(git ls-files -co --exclude-standard -- 'pom.xml' '*/pom.xml' '*build.properties' '*feature.xml' \
    '*.product' '*category.xml' '*.target' '*.ini' '*/rootfiles/*' medad mvnw mvnw.cmd .ci/run .mvn \
  | while read -r f; do [ -f "$f" ] && grep -Hn "$dir" "$f"; done \
  | grep -v -E '^pom\.xml:[0-9]+: *(<medad\.(testdata|fixtures)>|<!-- Tests find)')
if [ -n "$hits" ]; then
  echo "medad: build, product or launcher files refer to the shared folder beside the checkout;" >&2
  echo "       a fresh clone has no such folder (only tests may use it, via -Dmedad.testdata/-Dmedad.fixtures):" >&2
  echo "$hits" | sed 's/^/         /' >&2
  exit 1
fi
