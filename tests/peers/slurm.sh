# A private single-node Slurm cluster for the tests (sourced): munged,
# slurmctld and slurmd on 127.0.0.1 with their own munge key and socket,
# ports, state, spool, logs and PID files, all under one folder — nothing
# under /etc is read or written (but /etc/slurm/plugstack.conf, which slurm
# always reads and Debian leaves empty).  Runs as root (slurmd must), with no
# cgroups (proctrack/linuxproc, task/none) and no accounting daemon: the
# job output files and the controller's log say what ran.
# Needs: slurm-wlm, munge, python3 (free_port).
#
#   slurm_start DIR   start it; DIR holds everything
#   slurm_stop        stop the three daemons by PID (also safe in a trap)
# Exports SLURM_CONF (sbatch, squeue, scontrol and scancel talk to this
# cluster) and sets SLURM_DIR, SLURM_LOG (the controller's log), SLURM_NODE
# (the node's name) and SLURM_PIDS.

. "$STUDIO_SRC/tests/peers/tls.sh"

SLURM_PIDS=

# slurm_conf DIR: writes DIR/slurm.conf.
slurm_conf() {
	cat > "$1/slurm.conf" <<CONF
ClusterName=studio-test
SlurmctldHost=$SLURM_NODE(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$1/munge/munge.socket
StateSaveLocation=$1/state
SlurmdSpoolDir=$1/spool
SlurmctldPidFile=$1/run/slurmctld.pid
SlurmdPidFile=$1/run/slurmd.pid
SlurmctldLogFile=$1/log/slurmctld.log
SlurmdLogFile=$1/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
MpiDefault=none
ReturnToService=2
MinJobAge=600
KillWait=5
SlurmdParameters=config_overrides
NodeName=$SLURM_NODE NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=studio Nodes=$SLURM_NODE Default=YES MaxTime=INFINITE State=UP
CONF
}

# slurm_up: true once the node takes jobs (sinfo says idle), within 30 s.
slurm_up() {
	_si=0
	while [ $_si -lt 300 ]; do
		case $(sinfo -h -o %t 2>/dev/null) in idle*) return 0 ;; esac
		sleep 0.1
		_si=$((_si + 1))
	done
	echo "# slurm did not come up; its logs:" >&2
	tail -n 20 "$SLURM_DIR"/log/*.log "$SLURM_DIR"/log/*.out 2>/dev/null | sed 's/^/# /' >&2
	return 1
}

slurm_start() {
	SLURM_DIR=$1
	SLURM_NODE=$(hostname -s)
	SLURM_LOG=$1/log/slurmctld.log
	mkdir -p "$1/munge" "$1/state" "$1/spool" "$1/run" "$1/log" || return 1
	chmod 0700 "$1/munge"
	# munged wants a key only its user reads, of at least 32 bytes.
	head -c 1024 /dev/urandom > "$1/munge/munge.key" && chmod 0400 "$1/munge/munge.key" || return 1
	munged -F --force --key-file="$1/munge/munge.key" --socket="$1/munge/munge.socket" \
		--pid-file="$1/run/munged.pid" --log-file="$1/log/munged.log" \
		--seed-file="$1/munge/munged.seed" > "$1/log/munged.out" 2>&1 &
	SLURM_PIDS=$!
	_si=0
	while [ ! -S "$1/munge/munge.socket" ] && [ $_si -lt 100 ]; do
		sleep 0.1
		_si=$((_si + 1))
	done
	slurm_conf "$1"
	SLURM_CONF=$1/slurm.conf
	export SLURM_CONF
	slurmctld -D -i -f "$SLURM_CONF" > "$1/log/slurmctld.out" 2>&1 &
	SLURM_PIDS="$SLURM_PIDS $!"
	slurmd -D -N "$SLURM_NODE" -f "$SLURM_CONF" > "$1/log/slurmd.out" 2>&1 &
	SLURM_PIDS="$SLURM_PIDS $!"
	slurm_up
}

# Cancels every job, waits (at most 60 s) until none runs, so that no
# slurmstepd is left behind (their PIDs are not ours), then kills the three
# daemons by PID: slurmd, slurmctld, munged.  Safe to call twice (a trap
# on EXIT after one on TERM).
slurm_stop() {
	_sp=${SLURM_PIDS:-}
	SLURM_PIDS=
	[ -n "$_sp" ] || return 0
	timeout 10 scancel --quiet --full --user=root 2>/dev/null
	_si=0
	while [ $_si -lt 600 ] && timeout 10 squeue -h -t running,completing -o %i 2>/dev/null | grep -q .; do
		sleep 0.1
		_si=$((_si + 1))
	done
	for _p in $(echo $_sp | awk '{ for (i = NF; i > 0; i--) print $i }'); do
		slurm_kill "$_p"
	done
}

# slurm_kill PID: SIGTERM, SIGKILL if it still runs 10 s later.
slurm_kill() {
	kill "$1" 2>/dev/null
	_si=0
	while [ $_si -lt 100 ] && kill -0 "$1" 2>/dev/null; do
		sleep 0.1
		_si=$((_si + 1))
	done
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}
