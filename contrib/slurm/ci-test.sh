#!/usr/bin/env bash
# CI: run contrib/slurm's sweep array job and merge job on a real one-node
# Slurm cluster started here, and check the documented promises:
#   1. the 4 shards merged by the dependent merge job are byte for byte the
#      unsharded sweep;
#   2. a failed shard holds the merge back (afterok), pact merge refuses the
#      incomplete set, and resubmitting only that shard (sbatch --array=2) and
#      the merge makes the result whole again.
#
# Usage (as root, with Debian's slurm-wlm and munge installed; .ci/run
# installs them):  contrib/slurm/ci-test.sh [PACT]    PACT defaults to `pact` on PATH
#
# Starts munged (unless one already answers), slurmctld and slurmd with a
# throw-away configuration in a temporary directory (SLURM_CONF points to it;
# /etc/slurm is not touched), and stops on exit what it started. Creates
# /etc/munge/munge.key if it is missing.
set -euo pipefail
started=$SECONDS
repo=$(cd "$(dirname "$0")/../.." && pwd)
contrib="$repo/contrib/slurm"

say() { echo "-- slurm test: $*"; }
die() {
  echo "-- slurm test: FAILED: $*" >&2
  exit 1
}

pact_arg=${1:-pact}
if [[ $pact_arg == */* ]]; then
  [[ -x $pact_arg ]] || die "no executable pact at $pact_arg"
  PACT=$(cd "$(dirname "$pact_arg")" && pwd)/$(basename "$pact_arg")
else
  PACT=$(command -v "$pact_arg") || die "$pact_arg is not on PATH"
fi
[[ $(id -u) == 0 ]] || die "must run as root (it starts munged, slurmctld and slurmd)"
for tool in munged munge unmunge slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install slurm-wlm munge"
done
# Is a process of this name running? (/proc, not pgrep: procps may be missing.)
running() {
  local f c
  for f in /proc/[0-9]*/comm; do
    read -r c <"$f" 2>/dev/null || continue
    [[ $c == "$1" ]] && return 0
  done
  return 1
}
if running slurmctld || running slurmd; then
  die "a slurmctld or slurmd is already running here; this test starts its own cluster"
fi

work=$(mktemp -d /tmp/pact-slurm.XXXXXX)
node=$(uname -n)
node=${node%%.*}
export SLURM_CONF="$work/etc/slurm.conf"
munged_pid=""
ctld_pid=""
slurmd_pid=""

show_logs() {
  local f
  echo "== slurm test: logs"
  for f in slurmctld slurmd; do
    # What a daemon said before it opened its log file is on its stderr.
    f="$work/log/$f.log"
    [[ -s $f ]] || f="${f%.log}.stderr"
    [[ -s $f ]] || continue
    echo "---- $f (last 60 lines)"
    tail -n 60 "$f"
  done
  for f in "$work"/jobs/logs/*.out /var/log/munge/munged.log; do
    [[ -s $f ]] || continue
    echo "---- $f (last 30 lines)"
    tail -n 30 "$f"
  done
  echo "---- squeue"
  squeue 2>&1 || true
  echo "---- sinfo -R"
  sinfo -R 2>&1 || true
}

stop_cluster() {
  local status=$? pid
  set +e
  trap '' PIPE
  if ((status != 0)); then
    show_logs
  fi
  if [[ -n $ctld_pid ]]; then
    say "cancelling any job left, stopping slurmd and slurmctld"
    scancel --user=root >/dev/null 2>&1
    sleep 1
  fi
  for pid in $slurmd_pid $ctld_pid; do
    kill "$pid" 2>/dev/null
  done
  for pid in $slurmd_pid $ctld_pid; do
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$pid" 2>/dev/null
  done
  if [[ -n $munged_pid ]]; then
    say "stopping munged ($munged_pid)"
    kill "$munged_pid" 2>/dev/null
    for _ in $(seq 50); do
      kill -0 "$munged_pid" 2>/dev/null || break
      sleep 0.2
    done
  fi
  # A batch job's slurmstepd outlives a killed slurmd for a moment.
  for _ in $(seq 50); do
    running slurmstepd || break
    sleep 0.2
  done
  rm -rf "$work"
  if ((status == 0)); then
    say "passed in $((SECONDS - started)) s wall"
  else
    echo "-- slurm test: failed (exit $status) after $((SECONDS - started)) s wall" >&2
  fi
  exit "$status"
}
trap stop_cluster EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

# ---- munge: the key, then the daemon (as user munge, as Debian runs it)
key=/etc/munge/munge.key
if [[ ! -s $key ]]; then
  say "creating $key"
  mkdir -p /etc/munge
  if command -v mungekey >/dev/null; then
    mungekey --create --keyfile="$key"
  else
    dd if=/dev/urandom bs=1 count=1024 of="$key" status=none
  fi
fi
munge_user=root
if id munge >/dev/null 2>&1; then
  munge_user=munge
fi
mkdir -p /run/munge /var/lib/munge /var/log/munge
chown "$munge_user:" /etc/munge "$key" /run/munge /var/lib/munge /var/log/munge
chmod 0700 /etc/munge /var/lib/munge /var/log/munge
chmod 0755 /run/munge
chmod 0400 "$key"
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  say "munged is already running: using it (and leaving it running)"
else
  say "starting munged as $munge_user"
  rm -f /run/munge/munged.pid
  if [[ $munge_user == root ]]; then
    munged --force
  else
    runuser -u munge -- munged
  fi
  for _ in $(seq 50); do
    [[ -s /run/munge/munged.pid ]] && break
    sleep 0.1
  done
  munged_pid=$(cat /run/munge/munged.pid 2>/dev/null) || die "munged wrote no pid file"
  munge -n | unmunge >/dev/null || die "munge cannot encode and decode a credential"
fi

# ---- slurm.conf: one node, everything in $work, no cgroups, no accounting
mkdir -p "$work"/{etc,log,state,spool,jobs}
cpus=$(nproc)
# RealMemory a little below the machine's (slurmd drains a node that has less than configured).
mem=$(awk '/^MemTotal:/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)
cat >"$SLURM_CONF" <<EOF
ClusterName=pact-ci
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
# Finished jobs stay visible to scontrol for 10 minutes (there is no sacct here).
MinJobAge=600
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
say "slurm.conf ($SLURM_CONF):"
sed 's/^/    /' "$SLURM_CONF"

say "starting slurmctld and slurmd"
slurmctld -D -f "$SLURM_CONF" >"$work/log/slurmctld.stderr" 2>&1 &
ctld_pid=$!
slurmd -D -f "$SLURM_CONF" -N "$node" >"$work/log/slurmd.stderr" 2>&1 &
slurmd_pid=$!

say "waiting for node $node to be idle (60 s at most)"
state=""
for _ in $(seq 120); do
  kill -0 "$ctld_pid" 2>/dev/null || die "slurmctld exited"
  kill -0 "$slurmd_pid" 2>/dev/null || die "slurmd exited"
  state=$(sinfo -h -N -n "$node" -o %t 2>/dev/null || true)
  [[ $state == idle ]] && break
  sleep 0.5
done
[[ $state == idle ]] || die "node $node is not idle after 60 s (state: ${state:-no answer from slurmctld})"
sinfo

# ---- helpers
# Waits until no task of job $1 is pending or running ($2 seconds at most).
wait_done() {
  local jid=$1 limit=$2 t0=$SECONDS left
  while :; do
    kill -0 "$ctld_pid" 2>/dev/null || die "slurmctld exited"
    kill -0 "$slurmd_pid" 2>/dev/null || die "slurmd exited"
    left=$(squeue -h -j "$jid" -o '%i %T %r' 2>/dev/null || true)
    [[ -z $left ]] && return 0
    ((SECONDS - t0 < limit)) || die "job $jid not done after $limit s: $left"
    sleep 1
  done
}
# "TASK STATE EXIT" for each task of job $1 (TASK is - for a job that is not an array).
job_states() {
  scontrol -o show job "$1" | awk '{
    task = "-"; state = "?"; code = "?"
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^ArrayTaskId=/) task = substr($i, 13)
      if ($i ~ /^JobState=/) state = substr($i, 10)
      if ($i ~ /^ExitCode=/) code = substr($i, 10)
    }
    print task, state, code
  }' | sort -n
}
# Fails unless every task of job $1 completed with exit status 0.
expect_completed() {
  local states
  states=$(job_states "$1")
  echo "$states" | sed "s/^/    job $1 task /"
  if echo "$states" | grep -qv ' COMPLETED 0:0$'; then
    die "job $1: not every task completed"
  fi
}
submit() {
  local jid
  jid=$(sbatch --parsable --export=ALL "$@") || die "sbatch $* was refused"
  echo "${jid%%;*}"
}

# ---- the sweep: a small one on the test scenario, a decision as a factor
cd "$work/jobs"
mkdir -p logs
scenario="$repo/tests/data/mini.ron"
export PACT SCENARIO="$scenario" RUNS=40 SEED=7 SHARDS=4 SWEEP_ARGS='--choose attack=yes|no'
shards=(--array=0-3 --cpus-per-task=1)

say "the unsharded sweep: pact sweep mini.ron --runs 40 --seed 7 --choose 'attack=yes|no'"
"$PACT" sweep "$scenario" --runs 40 --seed 7 --choose 'attack=yes|no' --out whole.csv >whole.summary.txt
[[ $(wc -l <whole.csv) == 81 ]] || die "whole.csv should have a header and 80 rows"

say "round 1: submitting the 4-shard array job and the merge (afterok)"
export RESULTS="$work/jobs/round1"
sweep=$(submit "${shards[@]}" "$contrib/sweep.sbatch")
merge=$(submit --dependency=afterok:"$sweep" "$contrib/merge.sbatch")
say "sweep job $sweep, merge job $merge; waiting (300 s at most)"
wait_done "$sweep" 300
expect_completed "$sweep"
wait_done "$merge" 120
expect_completed "$merge"
cmp "$RESULTS/all.csv" whole.csv || die "round 1: the merged CSV differs from the unsharded sweep"
cmp "$RESULTS/summary.txt" whole.summary.txt || die "round 1: the merge's summary differs from the unsharded sweep's"
say "round 1: merged CSV and summary are byte-identical to the unsharded sweep's ($(wc -l <whole.csv) lines)"

say "round 2: the same jobs, shard 2 made to fail (its output path is a directory)"
export RESULTS="$work/jobs/round2"
mkdir -p "$RESULTS/part-2.csv"
sweep=$(submit "${shards[@]}" "$contrib/sweep.sbatch")
merge=$(submit --dependency=afterok:"$sweep" "$contrib/merge.sbatch")
say "sweep job $sweep, merge job $merge; waiting for the sweep (300 s at most)"
wait_done "$sweep" 300
states=$(job_states "$sweep")
echo "$states" | sed "s/^/    job $sweep task /"
echo "$states" | grep -q '^2 FAILED ' || die "round 2: shard 2 did not fail"
[[ $(echo "$states" | grep -c ' COMPLETED 0:0$') == 3 ]] || die "round 2: shards 0, 1 and 3 should have completed"
say "round 2: shard 2's job output (logs/pact-sweep-${sweep}_2.out):"
sed 's/^/    /' "logs/pact-sweep-${sweep}_2.out"
say "round 2: the merge must be held back (dependency never satisfied)"
reason=""
for _ in $(seq 30); do
  reason=$(squeue -h -j "$merge" -o '%T %r' 2>/dev/null || true)
  [[ $reason == "PENDING DependencyNeverSatisfied" ]] && break
  sleep 1
done
[[ $reason == "PENDING DependencyNeverSatisfied" ]] || die "round 2: merge job $merge is '$reason', not held back"
[[ ! -e $RESULTS/all.csv ]] || die "round 2: a merged file exists although shard 2 failed"
scancel "$merge"
say "round 2: pact merge refuses the three shards that exist"
if "$PACT" merge "$RESULTS"/part-{0,1,3}.csv --out "$RESULTS/all.csv" >/dev/null 2>merge-refused.txt; then
  die "round 2: pact merge accepted an incomplete sweep"
fi
sed 's/^/    /' merge-refused.txt
[[ ! -e $RESULTS/all.csv ]] || die "round 2: a refused merge left a merged file"

say "round 2: repairing: removing the obstacle, resubmitting only shard 2 (sbatch --array=2), then the merge"
rm -rf "$RESULTS/part-2.csv" "$RESULTS/part-2.csv.partial"
sweep=$(submit --array=2 --cpus-per-task=1 "$contrib/sweep.sbatch")
merge=$(submit --dependency=afterok:"$sweep" "$contrib/merge.sbatch")
say "shard job $sweep, merge job $merge; waiting (300 s at most)"
wait_done "$sweep" 300
expect_completed "$sweep"
wait_done "$merge" 120
expect_completed "$merge"
cmp "$RESULTS/all.csv" whole.csv || die "round 2: the repaired merge differs from the unsharded sweep"
cmp "$RESULTS/summary.txt" whole.summary.txt || die "round 2: the repaired merge's summary differs from the unsharded sweep's"
say "round 2: after resubmitting shard 2, the merged CSV and summary are byte-identical to the unsharded sweep's"
