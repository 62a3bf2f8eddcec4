"""The `cairn` identity commands against a real `cairn serve --auth required`: bootstrap on the
storage, `login` with a password (profile written 0600, holding a token, never the password),
`whoami`, `user create|ls|disable`, `token create|ls|revoke`, and exit code 5 for every refusal.

Run with Debian's python3:
  CAIRN_BINARY=build/release/cairn python3 -m unittest tests/cli/test_cli_auth.py
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from cairn_server import CairnServer, cairn_binary  # noqa: E402

ROOT_PASSWORD = "root-password-for-tests"
BOB_PASSWORD = "bob-password-for-tests"


class Result:
    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self) -> str:
        return f"rc={self.rc}\nstdout:\n{self.out}\nstderr:\n{self.err}"


class CliAuthTest(unittest.TestCase):
    server: CairnServer

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = CairnServer(extra_args=["--auth", "required", "--password-hash-cost", "10"])
        cls.server.start()
        cls.storage = f"sqlite://{cls.server.data_dir}/cairn.db"
        cls.work = tempfile.mkdtemp(prefix="cairn-cli-auth-work-")
        # Bootstrap: the first admin is created on the storage directly, the server running.
        boot = cls.run_cli(["user", "create", "root", "--role", "admin", "--password-stdin",
                            "--storage", cls.storage, "--password-hash-cost", "10"],
                           stdin=ROOT_PASSWORD + "\n", home=cls.work)
        assert boot.rc == 0, boot

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.close()
        shutil.rmtree(cls.work, ignore_errors=True)

    def setUp(self) -> None:
        self.home = tempfile.mkdtemp(prefix="cairn-cli-auth-home-")

    def tearDown(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)

    @classmethod
    def run_cli(cls, args: list[str], stdin: str | None = None, home: str | None = None,
                **extra: str) -> Result:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CAIRN_")}
        env.update({"HOME": home or cls.work, "CAIRN_URL": cls.server.url, "NO_COLOR": "1"})
        env.pop("XDG_CONFIG_HOME", None)
        env.update(extra)
        proc = subprocess.run([cairn_binary(), *args], input=stdin, capture_output=True, text=True,
                              env=env, cwd=cls.work, timeout=60)
        return Result(proc)

    def cli(self, *args: str, stdin: str | None = None, **extra: str) -> Result:
        return self.run_cli(list(args), stdin=stdin, home=self.home, **extra)

    def ok(self, *args: str, **kw) -> Result:
        r = self.cli(*args, **kw)
        self.assertEqual(r.rc, 0, r)
        return r

    def login_root(self) -> None:
        self.ok("login", "--url", self.server.url, "--user", "root", "--password-stdin",
                stdin=ROOT_PASSWORD + "\n")

    def test_password_login_writes_a_private_profile_holding_a_token(self) -> None:
        r = self.ok("login", "--url", self.server.url, "--user", "root", "--password-stdin",
                    stdin=ROOT_PASSWORD + "\n")
        self.assertIn("root", r.out)
        config = Path(self.home) / ".config" / "cairn" / "config.toml"
        self.assertEqual(stat.S_IMODE(config.stat().st_mode), 0o600)
        text = config.read_text()
        self.assertIn("token = 'cairn_", text)
        self.assertNotIn(ROOT_PASSWORD, text)
        who = self.ok("whoami", "--json").json()
        self.assertEqual((who["name"], who["role"], who["auth_method"]), ("root", "admin", "token"))

    def test_refusals_exit_5_with_the_problem_on_stderr(self) -> None:
        none = self.cli("experiments", "ls")
        self.assertEqual(none.rc, 5, none)
        self.assertIn("401", none.err)
        self.assertEqual(none.out, "")
        wrong = self.cli("login", "--url", self.server.url, "--user", "root", "--password-stdin",
                         stdin="not-the-password\n")
        self.assertEqual(wrong.rc, 5, wrong)
        self.assertFalse((Path(self.home) / ".config" / "cairn" / "config.toml").exists())
        bogus = self.cli("experiments", "ls", CAIRN_TOKEN="cairn_" + "x" * 43)
        self.assertEqual(bogus.rc, 5, bogus)

    def test_admin_creates_lists_and_disables_a_user(self) -> None:
        self.login_root()
        self.ok("user", "create", "bob", "--role", "editor", "--password-stdin",
                stdin=BOB_PASSWORD + "\n")
        users = {u["name"]: u for u in self.ok("user", "ls", "--json").json()["items"]}
        self.assertEqual(users["bob"]["role"], "editor")
        self.assertFalse(users["bob"]["disabled"])
        self.assertEqual(users["bob"]["created_by"], "root")
        names = self.ok("user", "ls", "-o", "jsonpath={.items[*].name}").out.split()
        self.assertIn("bob", names)

        # Bob signs in on his own profile, and may write but not administer.
        bob_home = tempfile.mkdtemp(prefix="cairn-cli-auth-bob-")
        try:
            def bob(*args: str, stdin: str | None = None) -> Result:
                return self.run_cli(list(args), stdin=stdin, home=bob_home)

            r = bob("login", "--url", self.server.url, "--user", "bob", "--password-stdin",
                    stdin=BOB_PASSWORD + "\n")
            self.assertEqual(r.rc, 0, r)
            r = bob("experiments", "create", "bobs-experiment")
            self.assertEqual(r.rc, 0, r)
            r = bob("user", "create", "mallory", "--role", "admin", "--password-stdin",
                    stdin="mallory-password-123\n")
            self.assertEqual(r.rc, 5, r)
            self.assertIn("403", r.err)

            self.ok("user", "disable", "bob")
            users = {u["name"]: u for u in self.ok("user", "ls", "--json").json()["items"]}
            self.assertTrue(users["bob"]["disabled"])
            r = bob("experiments", "ls")
            self.assertEqual(r.rc, 5, "a disabled user's token stops working: " + repr(r))
        finally:
            shutil.rmtree(bob_home, ignore_errors=True)

    def test_token_is_shown_once_works_within_its_role_and_stops_when_revoked(self) -> None:
        self.login_root()
        created = self.ok("token", "create", "--name", "ci-reader", "--role", "viewer")
        secret = created.out.strip()
        self.assertRegex(secret, r"^cairn_[A-Za-z0-9_-]{20,}$")
        self.assertIn("shown only once", created.err)
        tokens = {t["name"]: t for t in self.ok("token", "ls", "--json").json()["items"]}
        listed = tokens["ci-reader"]
        self.assertEqual(listed["role"], "viewer")
        self.assertTrue(secret.startswith(listed["prefix"]))
        self.assertNotIn(secret, json.dumps(tokens), "the secret is never listed")

        # A fresh home: only the environment's token counts.
        reader_home = tempfile.mkdtemp(prefix="cairn-cli-auth-reader-")
        try:
            r = self.run_cli(["experiments", "ls", "--json"], home=reader_home, CAIRN_TOKEN=secret)
            self.assertEqual(r.rc, 0, r)
            r = self.run_cli(["experiments", "create", "not-allowed"], home=reader_home,
                             CAIRN_TOKEN=secret)
            self.assertEqual(r.rc, 5, r)
            self.assertIn("403", r.err)

            self.ok("token", "revoke", listed["id"])
            tokens = {t["name"]: t for t in self.ok("token", "ls", "--json").json()["items"]}
            self.assertNotIn("ci-reader", tokens, "revoked tokens leave the list")
            r = self.run_cli(["experiments", "ls"], home=reader_home, CAIRN_TOKEN=secret)
            self.assertEqual(r.rc, 5, r)
            self.assertIn("401", r.err)
        finally:
            shutil.rmtree(reader_home, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
