#!/usr/bin/env bash
# The stale-token report as a user would script it without our function: three list calls (all tokens, used
# since the cutoff, last used before it) piped into jq, which classifies every token that was not used since
# the cutoff as stale (last used before it) or never used. Usage: stale-tokens-curl-jq.sh <cluster-url> <cutoff-ms>
# with DT_API_TOKEN in the environment. Prints the counts and the first 1000 tokens of each kind.
set -euo pipefail
base="$1/api/cluster/v2/tokens?limit=1000000"
cutoff="$2"
list() { curl -sSf -H "Authorization: Api-Token ${DT_API_TOKEN}" "$base$1"; }
jq -c -n --slurpfile all <(list "") --slurpfile since <(list "&from=$cutoff") --slurpfile before <(list "&to=$cutoff") '
  (reduce $since[0].values[] as $t ({}; .[$t.id] = true)) as $active
  | (reduce $before[0].values[] as $t ({}; .[$t.id] = true)) as $usedBefore
  | [$all[0].values[] | select($active[.id] | not)]
  | (map(select($usedBefore[.id]))) as $stale
  | (map(select($usedBefore[.id] | not))) as $never
  | {staleCount: ($stale | length), neverUsedCount: ($never | length),
     stale: ($stale[:1000] | map({id, name})), neverUsed: ($never[:1000] | map({id, name}))}'
