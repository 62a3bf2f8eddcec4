"""The Python SDK against a real `cairn serve` (and, for 503/401 replies, a scripted stand-in).

Run with Debian's python3 from the repository root:
    CAIRN_BINARY=build/release/cairn PYTHONPATH=clients/python python3 -m unittest discover -s clients/python/tests
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest
import uuid
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE.parents[3] / "tests" / "support"))

import cairn  # noqa: E402
from cairn_server import CairnServer  # noqa: E402

try:
    import pandas  # noqa: F401
    HAVE_PANDAS = True
except ImportError:
    HAVE_PANDAS = False


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def isolated_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAIRN_") or k == "CAIRN_BINARY"}
    env["PYTHONPATH"] = str(HERE.parents[1])
    env.update(extra)
    return env


def wait_for(predicate, timeout: float = 20.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


class ServerTest(unittest.TestCase):
    server: CairnServer

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = CairnServer().start()
        cls.client = cairn.Client(cls.server.url, user="alice")

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()
        cls.server.close()

    def steps(self, run_id: str, key: str) -> list[int]:
        return [p["step"] for p in self.client.runs.metric_history(run_id, key)]


class RunContextTest(ServerTest):
    def test_start_run_creates_the_experiment_and_completes_the_run(self) -> None:
        exp = unique("ctx")
        with cairn.start_run(exp, params={"lr": 0.1, "depth": 6}, tags={"team": "risk"},
                             client=self.client) as run:
            self.assertIsInstance(run.run_id, str)
            for i in range(100):
                run.log_metric("loss", 1 / (i + 1), step=i)
            run.log_metrics({"auc": 0.9, "acc": 0.8}, step=99)
            run.log_param("optimizer", "adam")
            run.set_tag("stage", "dev")
        data = self.client.runs.get(run.run_id)
        self.assertEqual(data["status"], "completed")
        self.assertEqual(data["experiment_name"], exp)
        self.assertEqual(data["params"], {"lr": "0.1", "depth": "6", "optimizer": "adam"})
        self.assertEqual(data["tags"], {"team": "risk", "stage": "dev"})
        self.assertEqual(data["metrics"]["auc"]["value"], 0.9)
        self.assertEqual(self.steps(run.run_id, "loss"), list(range(100)))
        self.assertEqual(run.acknowledged, 102)
        # The experiment existed the second time: no error.
        with cairn.start_run(exp, client=self.client) as again:
            again.log_metric("x", 1)
        self.assertEqual(self.client.experiments.get(exp)["run_count"], 2)

    def test_an_exception_fails_the_run_and_records_it(self) -> None:
        with self.assertRaises(ZeroDivisionError):
            with cairn.start_run(unique("boom"), client=self.client) as run:
                run.log_metric("loss", 0.5)
                1 / 0  # noqa: B018
        data = self.client.runs.get(run.run_id)
        self.assertEqual(data["status"], "failed")
        self.assertIn("ZeroDivisionError", data["tags"]["cairn.error"])
        self.assertEqual(self.steps(run.run_id, "loss"), [0])

    def test_keyboard_interrupt_kills_the_run(self) -> None:
        with self.assertRaises(KeyboardInterrupt):
            with cairn.start_run(unique("ctrl-c"), client=self.client) as run:
                raise KeyboardInterrupt
        self.assertEqual(self.client.runs.get(run.run_id)["status"], "killed")

    def test_bad_points_are_refused_at_the_call(self) -> None:
        with cairn.start_run(unique("bad"), client=self.client) as run:
            with self.assertRaises(ValueError):
                run.log_metric("loss", float("nan"))
            with self.assertRaises(ValueError):
                run.log_metric("loss", float("inf"))
            with self.assertRaises(ValueError):
                run.log_metric("bad key!", 1.0)
            with self.assertRaises((TypeError, ValueError)):
                run.log_metric("loss", "not a number")
            run.log_metric("loss", 1)
        with self.assertRaises(cairn.CairnError):
            run.log_metric("loss", 2.0)
        self.assertEqual(run.dropped, 0)


class BufferingTest(ServerTest):
    def test_points_wait_for_the_batch_or_the_interval(self) -> None:
        run = self.client.start_run(unique("buffer"), batch_size=100, flush_interval=3600)
        try:
            for i in range(50):
                run.log_metric("m", i, step=i)
            time.sleep(0.3)
            self.assertEqual(run.acknowledged, 0, "under a batch and before the interval: nothing sent")
            for i in range(50, 250):
                run.log_metric("m", i, step=i)
            wait_for(lambda: run.acknowledged >= 200, what="full batches to be sent")
            run.flush()
            self.assertEqual(run.acknowledged, 250)
            self.assertEqual(self.steps(run.run_id, "m"), list(range(250)))
        finally:
            run.end()

    def test_the_interval_sends_a_partial_batch(self) -> None:
        run = self.client.start_run(unique("interval"), flush_interval=0.1)
        try:
            run.log_metric("m", 1.0)
            wait_for(lambda: run.acknowledged == 1, what="the interval flush")
        finally:
            run.end()

    def script(self, body: str, **env: str) -> subprocess.Popen[str]:
        code = textwrap.dedent(f"""
            import sys, time, cairn
            client = cairn.Client({self.server.url!r}, user="trainer")
        """) + textwrap.dedent(body)
        return subprocess.Popen([sys.executable, "-u", "-c", code], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=isolated_env(**env))

    def test_points_are_flushed_at_interpreter_exit(self) -> None:
        p = self.script("""
            run = client.start_run(sys.argv[0] and "atexit-exp", flush_interval=3600)
            print(run.run_id)
            for i in range(5000):
                run.log_metric("loss", i * 0.1, step=i)
            # no flush, no end: the interpreter exits
        """)
        out, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 0, err)
        run_id = out.strip()
        self.assertEqual(self.steps(run_id, "loss"), list(range(5000)))

    def test_a_killed_process_keeps_every_point_before_its_last_flush(self) -> None:
        p = self.script("""
            run = client.start_run("crash-exp", flush_interval=0.2)
            print("run", run.run_id, flush=True)
            step = 0
            while True:
                for _ in range(500):
                    run.log_metric("loss", 1.0 / (step + 1), step=step)
                    step += 1
                run.flush()
                print("flushed", step, flush=True)
                for _ in range(300):  # logged after the flush: may or may not arrive
                    run.log_metric("loss", 1.0 / (step + 1), step=step)
                    step += 1
                time.sleep(0.05)
        """)
        try:
            run_id = p.stdout.readline().split()[1]
            flushed = 0
            for _ in range(4):
                line = p.stdout.readline()
                if not line.startswith("flushed"):
                    p.kill()
                    self.fail(f"{line!r}: {p.stderr.read()}")
                flushed = int(line.split()[1])
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=10)
        finally:
            if p.poll() is None:
                p.kill()
            p.stdout.close()
            p.stderr.close()
        steps = self.steps(run_id, "loss")
        self.assertGreaterEqual(len(steps), flushed)
        self.assertEqual(steps[:flushed], list(range(flushed)), "every point before the last flush")
        self.assertEqual(self.client.runs.get(run_id)["status"], "running")


class RetryTest(unittest.TestCase):
    def test_metrics_survive_a_server_restart(self) -> None:
        with CairnServer() as server:
            client = cairn.Client(server.url, user="trainer")
            run = client.start_run(unique("restart"), flush_interval=0.05, batch_size=200)
            stopped = threading.Event()

            def bounce() -> None:
                time.sleep(0.5)
                server.stop()
                stopped.set()
                time.sleep(1.0)
                server.start(port=server.port)

            t = threading.Thread(target=bounce)
            t.start()
            for i in range(3000):
                run.log_metric("loss", i * 0.5, step=i)
                time.sleep(0.001)
            t.join()
            self.assertTrue(stopped.is_set())
            run.end()
            self.assertEqual(run.dropped, 0)
            steps = [p["step"] for p in client.runs.metric_history(run.run_id, "loss")]
            # At least once: a batch whose reply was lost in the restart may arrive twice.
            self.assertEqual(sorted(set(steps)), list(range(3000)))
            self.assertEqual(client.runs.get(run.run_id)["status"], "completed")
            client.close()


class Scripted(http.server.BaseHTTPRequestHandler):
    """Answers each request with the next scripted (status, body)."""

    replies: list[tuple[int, dict]] = []
    bodies: list[bytes] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        Scripted.bodies.append(self.rfile.read(length))
        status, doc = Scripted.replies.pop(0) if Scripted.replies else (200, {"accepted": 0})
        if status == 200 and "accepted" in doc and Scripted.bodies[-1]:
            doc = {"accepted": len(json.loads(Scripted.bodies[-1]).get("metrics", []))}
        data = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if status < 400 else "application/problem+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = _answer  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


class ScriptedServerTest(unittest.TestCase):
    def setUp(self) -> None:
        Scripted.replies, Scripted.bodies = [], []
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def tearDown(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def test_503_is_retried_with_backoff(self) -> None:
        client = cairn.Client(self.url, token="cairn_secret")
        run = cairn.Run(client, {"run_id": str(uuid.uuid4()), "experiment_name": "x"}, flush_interval=3600)
        busy = {"title": "Service Unavailable", "status": 503, "detail": "storage busy"}
        Scripted.replies = [(503, busy), (503, busy)]
        run.log_metric("loss", 0.25, step=3, timestamp=1700000000123)
        run.flush(timeout=20)
        self.assertEqual(run.acknowledged, 1)
        self.assertEqual(len(Scripted.bodies), 3)
        self.assertEqual(json.loads(Scripted.bodies[-1]),
                         {"metrics": [{"key": "loss", "value": 0.25, "step": 3, "timestamp": 1700000000123}]})
        run._buffer.close()

    def test_a_rejected_batch_is_dropped_and_reported_by_flush(self) -> None:
        client = cairn.Client(self.url)
        run = cairn.Run(client, {"run_id": str(uuid.uuid4()), "experiment_name": "x"}, flush_interval=3600)
        Scripted.replies = [(409, {"title": "Conflict", "status": 409, "detail": "run is completed"})]
        run.log_metric("loss", 1.0)
        with self.assertRaises(cairn.CairnError) as ctx, self.assertLogs("cairn", "WARNING"):
            run.flush(timeout=20)
        self.assertIn("run is completed", str(ctx.exception))
        self.assertEqual(run.dropped, 1)
        run._buffer.close()

    def test_unauthorized_and_forbidden_are_typed(self) -> None:
        client = cairn.Client(self.url, token="bad")
        Scripted.replies = [(401, {"title": "Unauthorized", "status": 401, "detail": "invalid token"}),
                            (403, {"title": "Forbidden", "status": 403, "detail": "needs approver"})]
        with self.assertRaises(cairn.Unauthorized) as e401:
            client.experiments.get("x")
        self.assertEqual(e401.exception.detail, "invalid token")
        with self.assertRaises(cairn.Forbidden):
            client.experiments.get("x")


class ErrorsTest(ServerTest):
    def test_problem_details_become_typed_errors(self) -> None:
        with self.assertRaises(cairn.NotFound) as nf:
            self.client.runs.get(str(uuid.uuid4()))
        self.assertEqual(nf.exception.status, 404)
        self.assertEqual(nf.exception.code, "not_found")
        name = unique("dup")
        exp = self.client.experiments.create(name)
        with self.assertRaises(cairn.Conflict):
            self.client.experiments.create(name)
        with self.assertRaises(cairn.ValidationError) as bad:
            self.client.experiments.create("x" * 257)  # names are 1-256 characters
        self.assertEqual(bad.exception.errors[0].field, "name")
        with self.assertRaises(cairn.PreconditionFailed):
            self.client.experiments.update(name, description="x", if_match=exp["revision"] + 5)
        self.assertTrue(issubclass(cairn.NotFound, cairn.ApiError))

    def test_four_eyes_refusal_is_forbidden(self) -> None:
        tpl = unique("own")
        self.client.prompts.create(tpl, "Hi {{name}}", [{"name": "name", "default": "you"}])
        self.client.prompts.submit(tpl, 1)
        with self.assertRaises(cairn.Forbidden):
            self.client.prompts.approve(tpl, 1)

    def test_an_unreachable_server_is_connection_failed(self) -> None:
        with self.assertRaises(cairn.ConnectionFailed):
            cairn.Client("http://127.0.0.1:9").experiments.get("x")


class DomainsTest(ServerTest):
    def setUp(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="cairn-sdk-")

    def tearDown(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, rel: str, text: str) -> Path:
        p = Path(self.dir, rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
        return p

    def test_artifacts_files_and_directories(self) -> None:
        self.write("out/model.json", '{"trees": []}')
        self.write("out/plots/loss.txt", "0.5 0.4")
        big = self.write("big.bin", "z" * (3 << 20))
        with cairn.start_run(unique("art"), client=self.client) as run:
            stored = run.log_artifacts(Path(self.dir, "out"), "outputs")
            one = run.log_artifact(big)
        self.assertEqual(sorted(a["path"] for a in stored), ["outputs/model.json", "outputs/plots/loss.txt"])
        self.assertEqual(one["size_bytes"], 3 << 20)
        listed = sorted(a["path"] for a in self.client.artifacts.list(run.run_id))
        self.assertEqual(listed, ["big.bin", "outputs/model.json", "outputs/plots/loss.txt"])
        dest = self.client.artifacts.download(run.run_id, "big.bin", Path(self.dir, "copy.bin"))
        self.assertEqual(dest.read_bytes(), big.read_bytes())
        with self.assertRaises(cairn.NotFound):
            self.client.artifacts.download(run.run_id, "nope", Path(self.dir, "nope"))
        self.assertFalse(Path(self.dir, "nope").exists())

    def test_datasets_from_a_csv_file(self) -> None:
        csv = self.write("d.csv", "x,label\n1.5,0\n2.5,1\n3.5,1\n")
        ds = self.client.datasets.upload(csv, name="sdk-csv")
        self.assertEqual(ds["row_count"], 3)
        self.assertEqual(ds["schema"], {"x": "float64", "label": "int64"})
        self.assertEqual(self.client.datasets.rows(ds["id"], limit=1), [{"x": 1.5, "label": 0}])
        bad = self.write("bad.csv", "a,b\n1,2\n3\n")
        with self.assertRaises(cairn.ValidationError) as e:
            self.client.datasets.upload(bad, name="bad")
        self.assertIn("line 3", e.exception.detail)
        self.client.datasets.delete(ds["id"])
        with self.assertRaises(cairn.NotFound):
            self.client.datasets.get(ds["id"])

    @unittest.skipUnless(HAVE_PANDAS, "pandas is not installed")
    def test_datasets_from_a_dataframe(self) -> None:
        import pandas as pd

        df = pd.DataFrame({"price": [1.0, 2.5, None], "symbol": ["A", "B", "C"], "n": [1, 2, 3]})
        ds = self.client.datasets.upload(df, name="sdk-df")
        self.assertEqual(ds["row_count"], 3)
        self.assertEqual(ds["schema"]["symbol"], "string")
        self.assertEqual(ds["profile"]["price"]["missing"], 1)

    def test_models_register_from_a_run_and_promote(self) -> None:
        model_file = self.write("model.bin", "weights")
        name = unique("model")
        with cairn.start_run(unique("reg"), params={"depth": 6}, client=self.client) as run:
            run.log_metric("auc", 0.93)
            version = run.register_model(name, artifact=model_file)
        self.assertEqual(version["version"], 1)
        self.assertEqual(version["metrics"], {"auc": 0.93})
        self.assertEqual(version["params"], {"depth": "6"})
        self.assertEqual(version["artifact"]["size_bytes"], 7)
        with self.assertRaises(cairn.Conflict):
            self.client.models.promote(name, 1)
        self.client.models.tick(name, 1, "evaluation_passed", "data_validated", "bias_reviewed", "owner_signoff")
        with self.assertRaises(cairn.Forbidden):  # four-eyes: not by its registrar
            self.client.models.promote(name, 1)
        promoter = cairn.Client(self.server.url, user="bob")
        self.assertEqual(promoter.models.promote(name, 1)["stage"], "production")
        self.assertEqual(self.client.models.get(name)["production_version"], 1)

    def test_evaluation_run_and_wait_for_the_report(self) -> None:
        csv = self.write("scored.csv", "label,score\n" + "".join(f"{i % 2},{0.8 if i % 2 else 0.3}\n" for i in range(40)))
        ds = self.client.datasets.upload(csv, name="scored")
        scenario = unique("eval")
        self.client.evaluation.create_scenario(scenario, "binary_classification", ds["id"], "label",
                                               score_column="score",
                                               thresholds={"roc_auc": {"op": ">=", "value": 0.9}})
        report = self.client.evaluation.run(scenario)
        self.assertEqual(report["verdict"], "pass")
        self.assertEqual(report["metrics"]["roc_auc"], 1.0)
        self.assertEqual(report["thresholds"][0]["passed"], True)
        queued = self.client.evaluation.run(scenario, wait=False)
        self.assertIn(queued["status"], ("queued", "running", "completed"))

    def test_prompts_render_by_label_and_log_usage(self) -> None:
        name = unique("greet")
        self.client.prompts.create(name, "Hello {{name}}!", [{"name": "name", "required": True}])
        self.client.prompts.submit(name, 1)
        reviewer = cairn.Client(self.server.url, user="bob")
        reviewer.prompts.approve(name, 1)
        reviewer.prompts.set_label(name, "production", 1)
        self.assertEqual(self.client.prompts.render(name, {"name": "Ann"}), "Hello Ann!")
        self.assertEqual(self.client.prompts.render(name, {"name": "Bo"}, version=1), "Hello Bo!")
        with self.assertRaises(cairn.ValidationError):
            self.client.prompts.render(name, {})
        self.client.prompts.log_usage(name, 1, app="web", latency_ms=120, input_tokens=10, output_tokens=5)
        usage = self.client.prompts.usage(name, 1)
        self.assertEqual(usage["count"], 1)
        self.assertEqual(usage["latency_ms"]["p50"], 120.0)
        with self.assertRaises(cairn.NotFound):
            self.client.prompts.render("no-such-template")
        reviewer.close()

    def test_search_and_audit_iterate_over_pages(self) -> None:
        exp = unique("search")
        for auc in (0.7, 0.8, 0.9):
            with cairn.start_run(exp, client=self.client) as run:
                run.log_metric("auc", auc)
        found = list(self.client.runs.search(exp, filter="metrics.auc > 0.75", order_by="metrics.auc DESC"))
        self.assertEqual([r["metrics"]["auc"]["value"] for r in found], [0.9, 0.8])
        actions = {r["action"] for r in self.client.audit(resource="experiment/" + exp)}
        self.assertIn("experiment.create", actions)


class ConfigTest(ServerTest):
    def test_profile_then_environment_then_arguments(self) -> None:
        home = tempfile.mkdtemp(prefix="cairn-sdk-home-")
        try:
            cfg = Path(home, ".config", "cairn", "config.toml")
            cfg.parent.mkdir(parents=True)
            cfg.write_text(textwrap.dedent(f"""
                profile = "lab"
                [profiles.lab]
                url = "{self.server.url}"
                user = "profiled"
                [profiles.other]
                url = "http://127.0.0.1:9"
            """))
            code = textwrap.dedent("""
                import cairn
                c = cairn.Client()
                print(c.url, c.settings.user)
                print(c.experiments.create("cfg-" + __import__("uuid").uuid4().hex[:6])["created_by"])
                print(cairn.Client(profile="other").url)
                try:
                    cairn.Client(profile="missing")
                except cairn.CairnError as e:
                    print("error", e)
            """)
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                                 env=isolated_env(HOME=home)).stdout.splitlines()
            self.assertEqual(out[0], f"{self.server.url} profiled")
            self.assertEqual(out[1], "profiled")
            self.assertEqual(out[2], "http://127.0.0.1:9")
            self.assertTrue(out[3].startswith("error no profile 'missing'"), out)
            env_out = subprocess.run([sys.executable, "-c", "import cairn; c=cairn.Client(); print(c.url, c.settings.token)"],
                                     capture_output=True, text=True, timeout=60,
                                     env=isolated_env(HOME=home, CAIRN_URL="http://envhost:1", CAIRN_TOKEN="t0k")).stdout
            self.assertEqual(env_out.strip(), "http://envhost:1 t0k")
        finally:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
