#!/usr/bin/python
# -*- coding: utf-8 -*-

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: nso_ha_upgrade
short_description: Upgrade one Cisco NSO high-availability cluster with nso-ha-upgrade
version_added: "0.1.0"
description:
  - Runs the C(nso-ha-upgrade) program on the control node for one NSO HA cluster, with the
    cluster given by a cluster file or by the C(-a/-b/-c) addresses of NSO's upgrade-cluster example.
  - Runs an NSO version upgrade (C(upgrade-nso)), a package upgrade on system installs
    (C(upgrade-pkgs-sys)), a rollback, a preflight check or a status read.
  - Reads the program's NDJSON event stream and its JSON run report, and returns what happened as
    facts - the steps run, skipped and those that changed the cluster, the write-unavailable
    window, each node's version before and after, whether the program verified the cluster, and
    where the report and the HTML timeline are.
  - The cluster is C(changed) only when a step changed what the nodes show (HA role, read-only
    mode, version, packages). A rerun on a cluster that is already upgraded reports C(ok).
  - Secrets (the NSO password, an SSH key passphrase, a sudo password, a trust store password) are
    passed to the program in its environment or in private temporary files, never on its command
    line, and never appear in the module's output.
  - A failure returns the program's exit code in C(rc) and its meaning in C(exit_meaning); the
    program changes nothing before its preflight checks pass.
author:
  - nso-ha-upgrade maintainers
requirements:
  - Python 3 on the control node
  - the nso-ha-upgrade distribution (Java 17) on the control node
options:
  command:
    description:
      - What to run on the cluster.
      - C(upgrade-nso) upgrades every node to the NSO install, installer or image given.
      - C(upgrade-pkgs-sys) upgrades packages with C(packages ha sync and-reload).
      - C(rollback) returns the cluster to what the last run's journal recorded before it.
      - C(preflight) checks that the cluster is ready for the upgrade named by I(upgrade) and
        changes nothing.
      - C(status) reads every node's HA status, version and packages and changes nothing.
    type: str
    required: true
    choices: [upgrade-nso, upgrade-pkgs-sys, rollback, preflight, status]
  upgrade:
    description:
      - The upgrade that I(command=preflight) checks.
    type: str
    default: upgrade-nso
    choices: [upgrade-nso, upgrade-pkgs-sys]
  program:
    description:
      - Path of the C(nso-ha-upgrade) program (the distribution's C(bin/nso-ha-upgrade)).
    type: path
    default: nso-ha-upgrade
  cluster_file:
    description:
      - A cluster file (C(node.<id>.address), C(node.<id>.role) and the other C(node.<id>.) settings).
      - Mutually exclusive with I(addresses).
    type: path
  addresses:
    description:
      - The addresses of the nominal primary, the failover-primary and the secondary, given to the
        program as C(-a), C(-b) and C(-c).
    type: list
    elements: str
  transport:
    description:
      - NSO's northbound interface the program speaks.
    type: str
    default: cli
    choices: [cli, restconf]
  cli_port:
    description: NSO's CLI SSH port (the program's default is NSO's 2024).
    type: int
  cli_known_hosts:
    description: The known_hosts file for the nodes' CLI host keys.
    type: path
  accept_unknown_host_keys:
    description: Accept CLI host keys that are not known yet. For labs only.
    type: bool
    default: false
  restconf_port:
    description: NSO's RESTCONF port (the program's default is 8080).
    type: int
  https:
    description: Use RESTCONF over TLS.
    type: bool
    default: false
  trust_store:
    description: CA certificates trusted for RESTCONF over TLS (PEM, PKCS12 or JKS).
    type: path
  trust_store_password:
    description: The trust store's password, given to the program in a private temporary file.
    type: str
  username:
    description: The NSO user on every node.
    type: str
    aliases: [user]
  password:
    description:
      - The NSO user's password, given to the program in its environment (C(NSO_PASSWORD)).
    type: str
  password_file:
    description: A file (mode 0600) whose first line is the NSO user's password.
    type: path
  ssh_key:
    description: A private key to log in to NSO's CLI with.
    type: path
  ssh_key_passphrase:
    description: The key's passphrase, given to the program in its environment.
    type: str
  host_known_hosts:
    description: The known_hosts file for the SSH servers of system-install hosts.
    type: path
  sudo_password:
    description: The sudo password on system-install hosts, given in a private temporary file.
    type: str
  run_root:
    description: The directory holding the nodes' run directories and the run's journal (local installs).
    type: path
  ipc_port:
    description: The IPC port of the first node; the next nodes use the following ports (local installs).
    type: int
  old_install:
    description: The NSO install the nodes run now (C(-o)).
    type: path
  new_install:
    description: The NSO install to upgrade to (C(-n)).
    type: path
  installer:
    description: The new release's installer, for system installs over SSH.
    type: path
  image:
    description: The image to upgrade to, for nodes in containers.
    type: str
  packages:
    description: Package archives for C(upgrade-pkgs-sys).
    type: list
    elements: path
  strategy:
    description: The order of an NSO version upgrade.
    type: str
    choices: [seed, fast]
  read_write_after:
    description: The write-window policy, when the upgraded primary takes writes again.
    type: str
    choices: [all-secondaries, first-secondary]
  max_parallel:
    description: With I(strategy=fast), how many plain secondaries are upgraded at once.
    type: int
  allow_downgrade:
    description: Let preflight accept a target older than the running release.
    type: bool
    default: false
  discard_changes:
    description: For I(command=rollback), roll back even though the cluster took writes since the run.
    type: bool
    default: false
  report_dir:
    description:
      - Where the JSON run report, the HTML timeline and the event stream of this run are written
        (created with mode 0700).
      - Each run writes C(<command>-<UTC time>.json), C(.html) and C(.events.ndjson) there.
    type: path
    default: ~/.cache/nso-ha-upgrade/reports
  extra_args:
    description:
      - More options for the program, for options this module does not name.
      - Never put a secret here; an option that takes a secret on the command line is refused.
    type: list
    elements: str
    default: []
attributes:
  check_mode:
    description: Runs C(plan) and C(preflight) only; nothing on the cluster changes.
    support: full
  diff_mode:
    description: Not supported.
    support: none
notes:
  - Runs on the control node; use C(connection=local) or C(delegate_to=localhost), one inventory
    host per cluster.
  - In check mode C(changed) says whether the run would change the cluster.
  - Exit codes of the program, returned in C(rc) - 0 done and verified; 1 a step or the
    verification failed; 2 bad input; 3 a node or host unreachable or refusing the credentials,
    nothing changed; 4 internal error; 5 preflight found the cluster not ready, nothing changed.
seealso:
  - name: nso-ha-upgrade fleet documentation
    description: Waves of clusters with this module, its role and the upgrade-fleet playbook.
    link: https://github.com/nso-ha-upgrade/nso-ha-upgrade/blob/main/docs/fleet.md
"""

EXAMPLES = r"""
- name: Upgrade one cluster to NSO 6.5.1 (local installs, as in NSO's example)
  nsoha.upgrade.nso_ha_upgrade:
    program: /opt/nso-ha-upgrade/bin/nso-ha-upgrade
    command: upgrade-nso
    addresses: [127.0.1.1, 127.0.2.1, 127.0.3.1]
    run_root: /srv/nso-run
    new_install: /opt/nso-6.5.1
    strategy: fast
    read_write_after: first-secondary
    username: admin
    password: "{{ nso_password }}"
    report_dir: /var/log/nso-fleet/paris
  register: upgrade

- name: System installs over SSH, from a cluster file
  nsoha.upgrade.nso_ha_upgrade:
    command: upgrade-nso
    cluster_file: /etc/nso-fleet/paris.properties
    installer: /srv/nso/nso-6.5.1.linux.x86_64.installer.bin
    password: "{{ nso_password }}"
    sudo_password: "{{ nso_sudo_password }}"

- name: Is the cluster ready? (changes nothing)
  nsoha.upgrade.nso_ha_upgrade:
    command: preflight
    upgrade: upgrade-nso
    cluster_file: /etc/nso-fleet/paris.properties
    new_install: /opt/nso-6.5.1
"""

RETURN = r"""
rc:
  description: The program's exit code (of the last command it ran).
  returned: always
  type: int
  sample: 0
exit_meaning:
  description: What the exit code means.
  returned: always
  type: str
  sample: done and verified
outcome:
  description:
    - C(upgraded) (steps changed the cluster and it was verified), C(unchanged) (verified, nothing
      to do), C(already-at-target) (preflight found the cluster on the target), C(checked)
      (preflight, status or check mode), or C(failed).
  returned: always
  type: str
  sample: upgraded
stopped_at:
  description:
    - Where a failed run stopped - C(preflight) when no step ran (nothing was changed),
      C(step <n> <title>) for a failed step, C(verification) for a failed final check.
  returned: always
  type: str
  sample: preflight
steps_run:
  description: How many steps ran their action.
  returned: always
  type: int
  sample: 16
steps_skipped:
  description: How many steps were skipped because their result was already in place.
  returned: always
  type: int
  sample: 0
steps_changed:
  description: The titles of the steps after which a node showed another HA state, version or packages.
  returned: always
  type: list
  elements: str
  sample: ["Enable read-only mode for node n1 and n2"]
steps:
  description: Every step of the plan with its outcome (done, failed, skipped, or not run).
  returned: always
  type: list
  elements: dict
  sample: [{"step": 1, "title": "Enable read-only mode for node n1 and n2", "outcome": "done", "changed": true}]
window_seconds:
  description:
    - The write-unavailable window, in seconds - the time in which no node was a writable
      primary, from the steps' node states.
  returned: always
  type: float
  sample: 13.2
versions_before:
  description: Each node's NSO version before the run.
  returned: always
  type: dict
  sample: {"n1": "6.4.4", "n2": "6.4.4", "n3": "6.4.4"}
versions_after:
  description: Each node's NSO version at the end of the run.
  returned: always
  type: dict
  sample: {"n1": "6.5.1", "n2": "6.5.1", "n3": "6.5.1"}
verified:
  description: Whether the program's final verification passed (nominal roles, target, configuration intact).
  returned: always
  type: bool
  sample: true
summary:
  description: The program's result line.
  returned: always
  type: str
  sample: "Verified: n1 is primary with every secondary connected, every node on NSO 6.5.1, ..."
preflight:
  description: The preflight table's rows.
  returned: when a preflight table was printed
  type: list
  elements: dict
  sample: [{"result": "NO-GO", "check": "reachable", "subject": "n3", "detail": "connection refused"}]
plan:
  description: The plan's steps, in check mode.
  returned: in check mode
  type: list
  elements: str
report:
  description: Path of the JSON run report.
  returned: when the program wrote one
  type: str
html:
  description: Path of the HTML timeline of the run.
  returned: when the program wrote one
  type: str
events:
  description: Path of the NDJSON event stream.
  returned: when the program wrote one
  type: str
control_node_cost:
  description: What the program's processes cost the control node - CPU seconds (user and system), peak resident memory, wall time.
  returned: always
  type: dict
  sample: {"cpu_seconds": 5.1, "max_rss_mib": 194.7, "wall_seconds": 26.8}
cmd:
  description: The program's command line (it never holds a secret).
  returned: always
  type: list
  elements: str
stdout:
  description: The program's standard output.
  returned: always
  type: str
stderr:
  description: The program's standard error.
  returned: always
  type: str
"""

import json
import os
import re
import resource
import shutil
import tempfile
import time

from ansible.module_utils.basic import AnsibleModule

EXIT_MEANINGS = {
    0: "done and verified",
    1: "a step or the verification failed; the message names the step, the node and each node's state",
    2: "bad input (an option, a file, a target that is not newer); nothing was changed",
    3: "a node or its host could not be reached or refused the credentials; nothing was changed",
    4: "internal error of nso-ha-upgrade",
    5: "preflight: the cluster or a host is not ready; nothing was changed",
}

# Options that would put a secret on the command line, where every user sees it in ps.
SECRET_OPTIONS = ("password", "passphrase", "token")

PREFLIGHT_ROW = re.compile(r"^\s+(GO|NO-GO|WARN)\s+(\S+)\s+(\S+)\s+(.*)$")
ALREADY_THERE = "is what the cluster runs"


def exit_meaning(rc):
    return EXIT_MEANINGS.get(rc, "unknown exit code %d" % rc)


def parse_time(text):
    """ISO-8601 UTC with up to nine fraction digits, as the event stream writes it."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z$", text)
    if not m:
        return 0.0
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    frac = float("0." + m.group(7)) if m.group(7) else 0.0
    days = _days_from_civil(y, mo, d)
    return days * 86400 + h * 3600 + mi * 60 + s + frac


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def node_view(state):
    """What a step may change on a node: reachability, version, HA state, packages."""
    if not isinstance(state, dict):
        return None
    return json.dumps(
        {k: state.get(k) for k in ("reachable", "version", "ha", "packages")}, sort_keys=True
    )


def writable(state):
    ha = state.get("ha") or {}
    return bool(state.get("reachable")) and bool(ha.get("enabled")) and ha.get("mode") == "primary" and not ha.get("readOnly")


def read_events(path):
    events = []
    if not path or not os.path.exists(path):
        return events
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                try:
                    events.append(json.loads(line))
                except ValueError:
                    pass  # a line cut by a killed run: the rest still counts
    return events


def facts_from_events(events):
    """Steps, changes, window and versions from the program's event stream."""
    facts = {
        "steps": [],
        "steps_changed": [],
        "steps_run": 0,
        "steps_skipped": 0,
        "window_seconds": 0.0,
        "versions_before": {},
        "versions_after": {},
        "verified": False,
        "summary": "",
        "stopped_at": "",
        "_started": False,
    }
    current = {}
    steps = {}
    order = []
    run_end = None
    for e in events:
        t = e.get("type")
        if t == "run.started":
            for node, state in (e.get("before") or {}).items():
                current[node] = state
                facts["versions_before"][node] = state.get("version")
                facts["versions_after"][node] = state.get("version")
            for s in e.get("steps") or []:
                steps[s["step"]] = {"step": s["step"], "title": s.get("title", ""), "outcome": "not run", "changed": False}
                order.append(s["step"])
        elif t == "step.started":
            facts["_started"] = True
            s = steps.setdefault(e["step"], {"step": e["step"], "title": e.get("title", ""), "outcome": "not run", "changed": False})
            if e["step"] not in order:
                order.append(e["step"])
            s["from"] = parse_time(e["time"])
        elif t in ("step.finished", "step.skipped"):
            s = steps.get(e["step"])
            if s is not None:
                s["outcome"] = e.get("outcome", "done") if t == "step.finished" else "skipped"
                s["to"] = parse_time(e["time"])
                s["after"] = {}
                if s["outcome"] == "failed":
                    err = e.get("error") or {}
                    s["error"] = err.get("message", "")
        elif t == "node.observed":
            s = steps.get(e.get("step"))
            node, state = e.get("node"), e.get("state") or {}
            if s is not None and "after" in s:
                s["after"][node] = state
                if node_view(state) != node_view(current.get(node)):
                    s["changed"] = True
            current[node] = state
            if state.get("version"):
                facts["versions_after"][node] = state.get("version")
        elif t == "plan.finished":
            facts["steps_run"] = e.get("stepsRun", 0)
            facts["steps_skipped"] = e.get("stepsSkipped", 0)
        elif t == "verification":
            facts["verified"] = bool(e.get("ok"))
            for node, seen in (e.get("nodes") or {}).items():
                if isinstance(seen, dict) and seen.get("version"):
                    facts["versions_after"][node] = seen.get("version")
        elif t == "run.finished":
            facts["summary"] = e.get("summary", "")
            run_end = parse_time(e["time"])

    window, opened = 0.0, None
    for n in order:
        s = steps[n]
        if s["outcome"] == "failed":
            facts["stopped_at"] = "step %d %s" % (n, s["title"])
        if s.get("changed") and s["outcome"] != "skipped":
            facts["steps_changed"].append(s["title"])
        after = s.get("after")
        if not after:
            continue
        can_write = any(writable(st) for st in after.values())
        if not can_write and opened is None:
            opened = s.get("from", s.get("to"))
        elif can_write and opened is not None:
            window += s["to"] - opened
            opened = None
    if opened is not None:
        last = run_end or max([steps[n].get("to", 0.0) for n in order] or [opened])
        window += max(0.0, last - opened)
    facts["window_seconds"] = round(window, 3)
    facts["steps"] = [
        {k: v for k, v in steps[n].items() if k in ("step", "title", "outcome", "changed", "error")} for n in order
    ]
    return facts


def preflight_rows(text):
    rows = []
    for line in text.splitlines():
        m = PREFLIGHT_ROW.match(line)
        if m:
            rows.append({"result": m.group(1), "check": m.group(2), "subject": m.group(3), "detail": m.group(4).strip()})
    return rows


def already_at_target(rc, rows):
    """Preflight refused only because every node already runs the target: nothing to do."""
    nogo = [r for r in rows if r["result"] == "NO-GO"]
    return rc == 2 and bool(nogo) and all(r["check"] == "target" and ALREADY_THERE in r["detail"] for r in nogo)


def cluster_version(rows):
    for r in rows:
        m = re.search(r"every node on NSO (\S+)", r["detail"]) if r["check"] == "same-version" else None
        if m:
            return m.group(1)
    return None


def last_lines(text, n=3):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " / ".join(lines[-n:])


class Runner(object):
    """Runs the program with secrets in its environment or private files, and measures it."""

    def __init__(self, module, secret_dir):
        self.module = module
        self.secret_dir = secret_dir
        self.env = {}
        self.cost = {"cpu_seconds": 0.0, "max_rss_mib": 0.0, "wall_seconds": 0.0}

    def secret_file(self, name, value):
        path = os.path.join(self.secret_dir, name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(value + "\n")
        return path

    def run(self, argv):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        rc, out, err = self.module.run_command(argv, environ_update=self.env, check_rc=False)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cost["cpu_seconds"] = round(
            self.cost["cpu_seconds"] + (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 3
        )
        # ru_maxrss of the children is the largest child's peak, in KiB on Linux
        self.cost["max_rss_mib"] = round(max(self.cost["max_rss_mib"], after.ru_maxrss / 1024.0), 1)
        self.cost["wall_seconds"] = round(self.cost["wall_seconds"] + wall, 3)
        return rc, out, err


def common_args(module, runner):
    p = module.params
    args = []
    if p["cluster_file"]:
        args += ["--cluster-file", p["cluster_file"]]
    if p["addresses"]:
        for flag, address in zip(("-a", "-b", "-c"), p["addresses"]):
            args += [flag, address]
    args += ["--transport", p["transport"]]
    for opt, flag in (
        ("cli_port", "--cli-port"),
        ("restconf_port", "--restconf-port"),
        ("ipc_port", "--ipc-port"),
        ("max_parallel", "--max-parallel"),
    ):
        if p[opt] is not None:
            args += [flag, str(p[opt])]
    for opt, flag in (
        ("cli_known_hosts", "--cli-known-hosts"),
        ("trust_store", "--trust-store"),
        ("username", "--user"),
        ("password_file", "--password-file"),
        ("ssh_key", "--ssh-key"),
        ("host_known_hosts", "--host-known-hosts"),
        ("run_root", "--run-root"),
        ("old_install", "--old-install"),
        ("new_install", "--new-install"),
        ("installer", "--installer"),
        ("image", "--image"),
        ("strategy", "--strategy"),
        ("read_write_after", "--read-write-after"),
    ):
        if p[opt]:
            args += [flag, p[opt]]
    for f in p["packages"] or []:
        args += ["--package", f]
    if p["accept_unknown_host_keys"]:
        args.append("--accept-unknown-host-keys")
    if p["https"]:
        args.append("--https")
    if p["allow_downgrade"]:
        args.append("--allow-downgrade")
    if p["password"] is not None:
        runner.env["NSO_PASSWORD"] = p["password"]
    if p["ssh_key_passphrase"] is not None:
        runner.env["NSO_SSH_KEY_PASSPHRASE"] = p["ssh_key_passphrase"]
    if p["sudo_password"] is not None:
        args += ["--sudo-password-file", runner.secret_file("sudo-password", p["sudo_password"])]
    if p["trust_store_password"] is not None:
        args += ["--trust-store-password-file", runner.secret_file("trust-store-password", p["trust_store_password"])]
    return args + list(p["extra_args"])


def check_extra_args(module):
    for a in module.params["extra_args"]:
        flag = a.split("=", 1)[0]
        if flag.startswith("--") and any(s in flag for s in SECRET_OPTIONS) and not flag.endswith("-file"):
            module.fail_json(msg="extra_args: %s would put a secret on the command line; use the module's no-log options" % flag)


def report_paths(module, command):
    directory = os.path.expanduser(module.params["report_dir"])
    os.makedirs(directory, mode=0o700, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    base = os.path.join(directory, "%s-%s" % (command, stamp))
    n = 1
    while os.path.exists(base + ".events.ndjson"):
        n += 1
        base = os.path.join(directory, "%s-%s-%d" % (command, stamp, n))
    return {"report": base + ".json", "html": base + ".html", "events": base + ".events.ndjson"}


def base_result(runner, argv, rc, out, err):
    return {
        "cmd": argv,
        "rc": rc,
        "exit_meaning": exit_meaning(rc),
        "stdout": out,
        "stderr": err,
        "control_node_cost": runner.cost,
        "steps": [],
        "steps_changed": [],
        "steps_run": 0,
        "steps_skipped": 0,
        "window_seconds": 0.0,
        "versions_before": {},
        "versions_after": {},
        "verified": False,
        "summary": last_lines(out + "\n" + err, 1),
        "stopped_at": "",
        "outcome": "checked",
    }


def run_read_only(module, runner, program, common):
    """check mode, preflight and status: nothing on the cluster changes."""
    p = module.params
    command = p["command"]
    if command == "status":
        argv = [program, "status"] + common
        rc, out, err = runner.run(argv)
        result = base_result(runner, argv, rc, out, err)
        return result, rc == 0, False
    upgrade = p["upgrade"] if command == "preflight" else command
    plan_lines = []
    if module.check_mode:
        plan_argv = [program, "plan", upgrade] + common
        rc, out, err = runner.run(plan_argv)
        plan_lines = [line.strip() for line in out.splitlines() if re.match(r"^\s*\d+\.\s", line)]
        if rc != 0:
            result = base_result(runner, plan_argv, rc, out, err)
            result["plan"] = plan_lines
            result["stopped_at"] = "plan"
            return result, False, False
        if upgrade == "rollback":
            result = base_result(runner, plan_argv, rc, out, err)
            result["plan"] = plan_lines
            return result, True, bool(plan_lines)
    argv = [program, "preflight", upgrade] + common
    rc, out, err = runner.run(argv)
    result = base_result(runner, argv, rc, out, err)
    rows = preflight_rows(out)
    result["preflight"] = rows
    if module.check_mode:
        result["plan"] = plan_lines
    version = cluster_version(rows)
    if version:
        result["versions_before"] = {r["subject"]: version for r in rows if r["check"] == "reachable"}
    if already_at_target(rc, rows):
        result["outcome"] = "already-at-target"
        result["versions_after"] = dict(result["versions_before"])
        return result, True, False
    if rc != 0:
        result["stopped_at"] = "preflight"
        return result, False, False
    # go: in check mode, the upgrade would change the cluster
    return result, True, module.check_mode


def run_change(module, runner, program, common):
    p = module.params
    command = p["command"]
    paths = report_paths(module, command)
    argv = [program, command] + common
    argv += ["--events", paths["events"], "--report", paths["report"], "--html", paths["html"]]
    if command == "rollback" and p["discard_changes"]:
        argv.append("--discard-changes")
    rc, out, err = runner.run(argv)
    result = base_result(runner, argv, rc, out, err)
    facts = facts_from_events(read_events(paths["events"]))
    started = facts.pop("_started")
    result.update(facts)
    if not result["summary"]:
        result["summary"] = last_lines(out + "\n" + err, 1)
    for key in ("report", "html", "events"):
        if os.path.exists(paths[key]):
            result[key] = paths[key]
    changed = bool(result["steps_changed"])
    rows = preflight_rows(out)
    if rows:
        result["preflight"] = rows
    if rc == 0:
        result["outcome"] = "upgraded" if changed else "unchanged"
        if command == "rollback":
            result["outcome"] = "rolled-back" if changed else "unchanged"
        return result, True, changed
    if command == "upgrade-nso" and already_at_target(rc, rows):
        version = cluster_version(rows)
        result["versions_before"] = {r["subject"]: version for r in rows if r["check"] == "reachable"}
        result["versions_after"] = dict(result["versions_before"])
        result["outcome"] = "already-at-target"
        return result, True, False
    result["outcome"] = "failed"
    if not started:
        result["stopped_at"] = "preflight"
    elif not result["stopped_at"]:
        result["stopped_at"] = "verification"
    return result, False, changed


ARGUMENT_SPEC = dict(
    command=dict(type="str", required=True, choices=["upgrade-nso", "upgrade-pkgs-sys", "rollback", "preflight", "status"]),
    upgrade=dict(type="str", default="upgrade-nso", choices=["upgrade-nso", "upgrade-pkgs-sys"]),
    program=dict(type="path", default="nso-ha-upgrade"),
    cluster_file=dict(type="path"),
    addresses=dict(type="list", elements="str"),
    transport=dict(type="str", default="cli", choices=["cli", "restconf"]),
    cli_port=dict(type="int"),
    cli_known_hosts=dict(type="path"),
    accept_unknown_host_keys=dict(type="bool", default=False),
    restconf_port=dict(type="int"),
    https=dict(type="bool", default=False),
    trust_store=dict(type="path"),
    trust_store_password=dict(type="str", no_log=True),
    username=dict(type="str", aliases=["user"]),
    password=dict(type="str", no_log=True),
    password_file=dict(type="path", no_log=False),
    ssh_key=dict(type="path", no_log=False),
    ssh_key_passphrase=dict(type="str", no_log=True),
    host_known_hosts=dict(type="path"),
    sudo_password=dict(type="str", no_log=True),
    run_root=dict(type="path"),
    ipc_port=dict(type="int"),
    old_install=dict(type="path"),
    new_install=dict(type="path"),
    installer=dict(type="path"),
    image=dict(type="str"),
    packages=dict(type="list", elements="path"),
    strategy=dict(type="str", choices=["seed", "fast"]),
    read_write_after=dict(type="str", choices=["all-secondaries", "first-secondary"]),
    max_parallel=dict(type="int"),
    allow_downgrade=dict(type="bool", default=False),
    discard_changes=dict(type="bool", default=False),
    report_dir=dict(type="path", default="~/.cache/nso-ha-upgrade/reports"),
    extra_args=dict(type="list", elements="str", default=[]),
)


def main():
    module = AnsibleModule(
        argument_spec=ARGUMENT_SPEC,
        mutually_exclusive=[("cluster_file", "addresses"), ("password", "password_file")],
        supports_check_mode=True,
    )
    p = module.params
    if p["addresses"] is not None and not 1 <= len(p["addresses"]) <= 3:
        module.fail_json(msg="addresses: give one to three addresses (-a, -b, -c), not %d" % len(p["addresses"]))
    check_extra_args(module)
    program = p["program"]
    if os.sep not in program:
        found = shutil.which(program)
        if not found:
            module.fail_json(msg="program %s not found on PATH; set program to the distribution's bin/nso-ha-upgrade" % program, rc=2)
        program = found
    if not os.access(program, os.X_OK):
        module.fail_json(msg="program %s is not an executable file" % program, rc=2)

    secret_dir = tempfile.mkdtemp(prefix="nso-ha-upgrade-")
    try:
        runner = Runner(module, secret_dir)
        common = common_args(module, runner)
        if module.check_mode or p["command"] in ("preflight", "status"):
            result, ok, changed = run_read_only(module, runner, program, common)
        else:
            result, ok, changed = run_change(module, runner, program, common)
    finally:
        shutil.rmtree(secret_dir, ignore_errors=True)
    result["changed"] = changed
    if not ok:
        where = result["stopped_at"] or "the run"
        module.fail_json(
            msg="nso-ha-upgrade %s stopped at %s, exit %d (%s): %s"
            % (p["command"], where, result["rc"], result["exit_meaning"], last_lines(result["stderr"] or result["stdout"])),
            **result
        )
    # Ansible counts a non-zero rc as a failure unless told otherwise: preflight's "already on the target" is not one
    result["failed"] = False
    module.exit_json(**result)


if __name__ == "__main__":
    main()
