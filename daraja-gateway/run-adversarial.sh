#!/usr/bin/env bash
# The adversarial harness's long form (docs/reliability.md#the-adversarial-harness): thousands of
# concurrent merchant operations, storms of resubmissions, multi-thousand-row payout batches with
# pause/resume storms, forged and replayed callbacks, emulator faults and kill -9 of gateway
# instances; then the oracle, judged from the emulator's ledger, the wire and the callback log.
#
# Usage: daraja-gateway/run-adversarial.sh [options]
#   --operations N     operations to generate                      (default 10000)
#   --crashes N        kill -9 of an instance, then a restart       (default 50)
#   --seed S           replay a run (the summary prints its seed)   (default: a fresh one)
#   --store STORE      postgresql (2 instances), sqlite (1) or both (default postgresql)
#   --instances N      gateway instances on PostgreSQL              (default 2)
#   --storms N         storms of 50 concurrent resubmissions        (default 24: 1,200 resubmissions)
#   --batches N        payout batches                               (default 6)
#   --batch-rows N     the most rows in a batch (a quarter to all)  (default 4000)
#   --settle-seconds N the longest wait for things to settle        (default 180)
#
# PostgreSQL: DARAJA_TEST_POSTGRES_URL if set, else the database darajakit_adversarial on
# 127.0.0.1:5432 as user postgres (created if missing). Each run works in a fresh schema of it.
# The summary is printed and written to daraja-gateway/target/adversarial/<store>-<seed>/summary.txt
# with each gateway instance's log beside it. Exit status: 0 when the oracle found nothing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
properties=()
store=postgresql
while [[ $# -gt 0 ]]; do
  case "$1" in
    --operations) properties+=("-Dadversarial.operations=$2") ;;
    --crashes) properties+=("-Dadversarial.crashes=$2") ;;
    --seed) properties+=("-Dadversarial.seed=$2") ;;
    --store) store="$2" ;;
    --instances) properties+=("-Dadversarial.instances.postgresql=$2") ;;
    --storms) properties+=("-Dadversarial.storms=$2") ;;
    --batches) properties+=("-Dadversarial.batches=$2") ;;
    --batch-rows) properties+=("-Dadversarial.batchRows=$2") ;;
    --settle-seconds) properties+=("-Dadversarial.settleSeconds=$2") ;;
    -h | --help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift 2
done

if [[ "$store" != sqlite && -z "${DARAJA_TEST_POSTGRES_URL:-}" ]]; then
  if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc \
      "select 1 from pg_database where datname = 'darajakit_adversarial'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database darajakit_adversarial'
  fi
  export DARAJA_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:5432/darajakit_adversarial?user=postgres"
fi
# Without PostgreSQL a PostgreSQL run must fail, not be skipped.
[[ "$store" != sqlite ]] && export DARAJA_REQUIRE_POSTGRES=true

echo "== machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)"
started=$(date +%s)
status=0
(cd "$root" && ./mvnw -q -B -pl daraja-gateway -am verify -Padversarial-long \
  -Dtest=AdversarialTest -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Dadversarial.store="$store" "${properties[@]}") || status=$?
echo "== finished in $(($(date +%s) - started)) s; summaries:"
ls -1t "$root"/daraja-gateway/target/adversarial/*/summary.txt 2>/dev/null | head -2
exit "$status"
