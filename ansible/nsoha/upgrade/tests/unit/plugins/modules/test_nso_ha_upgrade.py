# -*- coding: utf-8 -*-
# Unit tests of the nso_ha_upgrade module's logic: its documentation against its argument spec, what it reads from
# the program's events and preflight table, and where it puts secrets. Run with the Python that runs Ansible:
#   python3 -m unittest discover -s tests/unit -t .
# The fixtures are a real run's events (an upgrade, then a rerun on the upgraded cluster) with paths shortened.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import stat
import sys
import tempfile
import unittest

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
MODULES = os.path.join(HERE, "..", "..", "..", "..", "plugins", "modules")
sys.path.insert(0, os.path.abspath(MODULES))

import nso_ha_upgrade as m  # noqa: E402  pylint: disable=wrong-import-position


def fixture(name):
    return os.path.join(HERE, "fixtures", name)


class FailJson(Exception):
    pass


class FakeModule(object):
    """What common_args and check_extra_args use of AnsibleModule: params and fail_json."""

    def __init__(self, **params):
        self.params = dict((k, v.get("default")) for k, v in m.ARGUMENT_SPEC.items())
        self.params.update(params)

    def fail_json(self, **kwargs):
        raise FailJson(kwargs["msg"])


class DocumentationTest(unittest.TestCase):
    def setUp(self):
        self.doc = yaml.safe_load(m.DOCUMENTATION)

    def test_every_option_documented_as_the_spec_says(self):
        options = self.doc["options"]
        self.assertEqual(sorted(options), sorted(m.ARGUMENT_SPEC))
        for name, spec in m.ARGUMENT_SPEC.items():
            doc = options[name]
            self.assertEqual(doc.get("type", "str"), spec.get("type", "str"), name)
            self.assertEqual(doc.get("default"), spec.get("default"), name)
            self.assertEqual(doc.get("choices"), spec.get("choices"), name)
            self.assertEqual(doc.get("required", False), spec.get("required", False), name)
            self.assertEqual(doc.get("elements"), spec.get("elements"), name)
            self.assertEqual(doc.get("aliases"), spec.get("aliases"), name)
            self.assertTrue(doc.get("description"), name)

    def test_secrets_are_no_log(self):
        for name in ("password", "ssh_key_passphrase", "sudo_password", "trust_store_password"):
            self.assertTrue(m.ARGUMENT_SPEC[name].get("no_log"), name)

    def test_examples_use_documented_options_only(self):
        for task in yaml.safe_load(m.EXAMPLES):
            args = task["nsoha.upgrade.nso_ha_upgrade"]
            self.assertLessEqual(set(args), set(m.ARGUMENT_SPEC), task["name"])

    def test_return_values_documented(self):
        ret = yaml.safe_load(m.RETURN)
        for key in ("rc", "exit_meaning", "outcome", "stopped_at", "steps_run", "steps_skipped", "steps_changed",
                    "window_seconds", "versions_before", "versions_after", "verified", "report", "html",
                    "control_node_cost"):
            self.assertIn(key, ret)
            self.assertIn("description", ret[key])

    def test_every_exit_code_has_a_meaning(self):
        for rc in (0, 1, 2, 3, 4, 5):
            self.assertNotIn("unknown", m.exit_meaning(rc))
        self.assertIn("unknown", m.exit_meaning(42))


class EventsTest(unittest.TestCase):
    def test_first_run_changed_the_cluster(self):
        facts = m.facts_from_events(m.read_events(fixture("upgrade-nso-first-run.events.ndjson")))
        self.assertEqual(facts["steps_run"], 16)
        self.assertEqual(facts["steps_skipped"], 0)
        self.assertTrue(facts["verified"])
        self.assertEqual(facts["versions_before"], {"n1": "6.4.4", "n2": "6.4.4", "n3": "6.4.4"})
        self.assertEqual(facts["versions_after"], {"n1": "6.5.1", "n2": "6.5.1", "n3": "6.5.1"})
        self.assertIn("Enable read-only mode for node n1 and n2", facts["steps_changed"])
        self.assertIn("Upgrade node n3 to NSO 6.5.1", facts["steps_changed"])
        # a backup and the final check change nothing a node shows
        self.assertNotIn("Create a backup of node n1, n2 and n3 before upgrading", facts["steps_changed"])
        self.assertFalse([s for s in facts["steps_changed"] if s.startswith("Check that")])
        self.assertEqual(facts["stopped_at"], "")
        # the HTML report of the same run shows "writes refused 16.5 s"
        self.assertAlmostEqual(facts["window_seconds"], 16.5, delta=0.05)

    def test_rerun_on_the_upgraded_cluster_changes_nothing(self):
        facts = m.facts_from_events(m.read_events(fixture("upgrade-nso-rerun.events.ndjson")))
        self.assertEqual((facts["steps_run"], facts["steps_skipped"]), (2, 14))
        self.assertEqual(facts["steps_changed"], [])
        self.assertEqual(facts["window_seconds"], 0.0)
        self.assertTrue(facts["verified"])
        self.assertEqual(facts["versions_before"], facts["versions_after"])

    def test_a_failed_step_is_where_the_run_stopped(self):
        events = m.read_events(fixture("upgrade-nso-first-run.events.ndjson"))
        cut = []
        for e in events:
            if e["type"] == "step.finished" and e["step"] == 4:
                e = dict(e, outcome="failed", error={"code": "TIMEOUT", "message": "n2 is not primary"})
                cut.append(e)
                break
            cut.append(e)
        facts = m.facts_from_events(cut)
        self.assertTrue(facts["stopped_at"].startswith("step 4 "), facts["stopped_at"])
        self.assertFalse(facts["verified"])
        # read-only since step 1 and never writable again: the window lasts to the end of what was seen
        self.assertGreater(facts["window_seconds"], 0.0)

    def test_a_cut_line_is_ignored(self):
        with tempfile.NamedTemporaryFile("w", suffix=".ndjson", delete=False) as f:
            f.write('{"type":"run.started","before":{},"steps":[]}\n{"type":"step.sta')
        try:
            self.assertEqual(len(m.read_events(f.name)), 1)
        finally:
            os.unlink(f.name)

    def test_time_parse(self):
        a = m.parse_time("2026-12-08T04:09:36.281800942Z")
        b = m.parse_time("2026-12-08T04:09:37.281800942Z")
        self.assertAlmostEqual(b - a, 1.0, places=6)
        self.assertAlmostEqual(m.parse_time("1970-01-02T00:00:00Z"), 86400.0)


class PreflightTest(unittest.TestCase):
    def test_already_at_target(self):
        with open(fixture("preflight-already-at-target.txt")) as f:
            rows = m.preflight_rows(f.read())
        self.assertEqual(len(rows), 17)
        self.assertTrue(m.already_at_target(2, rows))
        self.assertEqual(m.cluster_version(rows), "6.5.1")

    def test_another_no_go_is_not_already_at_target(self):
        rows = [
            {"result": "NO-GO", "check": "target", "subject": "x", "detail": "NSO 6.5.1 is what the cluster runs"},
            {"result": "NO-GO", "check": "ha-role", "subject": "n3", "detail": "expected HA enabled"},
        ]
        self.assertFalse(m.already_at_target(5, rows))
        self.assertFalse(m.already_at_target(2, rows))
        self.assertFalse(m.already_at_target(2, []))


class SecretsTest(unittest.TestCase):
    def test_secrets_go_to_the_environment_or_private_files_never_argv(self):
        secret_dir = tempfile.mkdtemp()
        try:
            module = FakeModule(
                addresses=["127.0.1.1", "127.0.2.1", "127.0.3.1"],
                password="pw-Secret-1",
                ssh_key_passphrase="pp-Secret-2",
                sudo_password="sudo-Secret-3",
                trust_store_password="ts-Secret-4",
            )
            runner = m.Runner(module, secret_dir)
            args = m.common_args(module, runner)
            joined = " ".join(args)
            for secret in ("pw-Secret-1", "pp-Secret-2", "sudo-Secret-3", "ts-Secret-4"):
                self.assertNotIn(secret, joined)
            self.assertEqual(runner.env["NSO_PASSWORD"], "pw-Secret-1")
            self.assertEqual(runner.env["NSO_SSH_KEY_PASSPHRASE"], "pp-Secret-2")
            sudo_file = args[args.index("--sudo-password-file") + 1]
            with open(sudo_file) as f:
                self.assertEqual(f.read().strip(), "sudo-Secret-3")
            self.assertEqual(stat.S_IMODE(os.stat(sudo_file).st_mode), 0o600)
            self.assertEqual(args[:6], ["-a", "127.0.1.1", "-b", "127.0.2.1", "-c", "127.0.3.1"])
        finally:
            for name in os.listdir(secret_dir):
                os.unlink(os.path.join(secret_dir, name))
            os.rmdir(secret_dir)

    def test_a_secret_option_in_extra_args_is_refused(self):
        for bad in (["--password", "x"], ["--password=x"], ["--ssh-key-passphrase=x"]):
            with self.assertRaises(FailJson):
                m.check_extra_args(FakeModule(extra_args=bad))
        m.check_extra_args(FakeModule(extra_args=["--password-file", "/etc/nso/pw", "--ha-timeout", "300"]))


if __name__ == "__main__":
    unittest.main()
