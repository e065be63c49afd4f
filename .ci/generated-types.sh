#!/usr/bin/env bash
# types/generated/ must be exactly what `npm run ts:types` (strapi ts:generate-types) makes
# from the schemas: `strapi develop` regenerates it on every boot, so typings that lag their
# schema leave a newcomer's working tree dirty. Regenerates it here and fails when that
# changed, removed or added anything under types/generated/.
set -euo pipefail
cd "$(dirname "$0")/.."

# Type generation loads the app's config, which needs the secrets. Throwaway values in the
# environment (the types do not depend on them), so that nothing writes a .env here.
for name in APP_KEYS API_TOKEN_SALT ADMIN_JWT_SECRET TRANSFER_TOKEN_SALT JWT_SECRET ENCRYPTION_KEY; do
  export "$name=${!name:-typegen-only}"
done

npm run ts:types

stale=0
git diff --exit-code --stat -- types/generated || stale=1
untracked=$(git ls-files --others --exclude-standard -- types/generated)
if [ -n "$untracked" ]; then
  printf 'new, not committed: %s\n' $untracked
  stale=1
fi
if [ "$stale" = 1 ]; then
  echo "types/generated/ is out of date with the schemas: run \`npm run ts:types\` and commit types/generated/ with the schema change" >&2
  exit 1
fi
echo "types/generated/ matches the schemas"
