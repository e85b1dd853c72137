"""What the Kubernetes schemas cannot check in deploy/kubernetes/.

The schemas say a manifest is well formed; these checks say it is the one we
mean: replicas, probes on the right paths, resources, a locked-down container,
selectors that match the pods, the admin token from a Secret (and no Secret in
git), and a ConfigMap whose exodus.json and sources.txt the real binary accepts.

Usage: python check_manifests.py [path-to-exodus-binary]
"""

import glob
import json
import os
import re
import select
import subprocess
import sys
import tempfile
import time
import urllib.request

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FOLDER = os.path.join(ROOT, "deploy", "kubernetes")


def load():
    by_kind = {}
    for path in sorted(glob.glob(os.path.join(FOLDER, "*.yaml"))):
        with open(path) as f:
            for doc in yaml.safe_load_all(f):
                if doc:
                    by_kind.setdefault(doc["kind"], []).append(doc)
    return by_kind


def one(by_kind, kind):
    docs = by_kind.get(kind, [])
    assert len(docs) == 1, "expected one %s, found %d" % (kind, len(docs))
    return docs[0]


def quantity(text):
    """A Kubernetes resource quantity as a number (cores or bytes)."""
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?", str(text))
    assert m, "not a resource quantity: %r" % (text,)
    scale = {None: 1, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12,
             "Ki": 2 ** 10, "Mi": 2 ** 20, "Gi": 2 ** 30, "Ti": 2 ** 40}[m.group(2)]
    return float(m.group(1)) * scale


def matches(selector, labels):
    return all(labels.get(k) == v for k, v in selector.items())


class Checks:
    def __init__(self, binary):
        self.binary = binary
        self.kinds = load()
        self.deployment = one(self.kinds, "Deployment")
        self.pod = self.deployment["spec"]["template"]
        self.container = self.pod["spec"]["containers"][0]
        self.config = one(self.kinds, "ConfigMap")

    def test_the_expected_objects_and_no_secret(self):
        assert set(self.kinds) == {"Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler",
                                   "PodDisruptionBudget"}, sorted(self.kinds)
        for path in glob.glob(os.path.join(FOLDER, "*")):
            with open(path) as f:
                text = f.read()
            assert not re.search(r"^kind:\s*Secret\b", text, re.M), path + " holds a Secret"

    def test_at_least_two_replicas_selected_by_their_own_labels(self):
        spec = self.deployment["spec"]
        assert spec["replicas"] >= 2
        assert matches(spec["selector"]["matchLabels"], self.pod["metadata"]["labels"])
        assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0

    def test_probes_use_readyz_and_healthz_on_the_served_port(self):
        c = self.container
        ports = {p["name"]: p["containerPort"] for p in c["ports"]}
        assert ports == {"http": 8080}, ports
        assert c["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
        assert c["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}

    def test_requests_and_limits_are_set_and_ordered(self):
        # The schemas take any string here; a typo such as "250 m" would only fail at apply time.
        r = self.container["resources"]
        for section in ("requests", "limits"):
            assert set(r[section]) == {"cpu", "memory"}, r
        for resource in ("cpu", "memory"):
            assert quantity(r["requests"][resource]) <= quantity(r["limits"][resource]), r

    def test_the_container_runs_locked_down(self):
        pod = self.pod["spec"]["securityContext"]
        c = self.container["securityContext"]
        assert pod["runAsNonRoot"] is True and pod["runAsUser"] != 0
        assert c["readOnlyRootFilesystem"] is True
        assert c["allowPrivilegeEscalation"] is False
        assert c["capabilities"]["drop"] == ["ALL"]
        assert self.pod["spec"]["automountServiceAccountToken"] is False

    def test_admin_token_comes_from_a_secret(self):
        env = {e["name"]: e for e in self.container["env"]}
        ref = env["EXODUS_ADMIN_TOKEN"]["valueFrom"]["secretKeyRef"]
        assert ref["name"] and ref["key"]
        assert "value" not in env["EXODUS_ADMIN_TOKEN"]

    def test_config_and_cache_volumes_line_up(self):
        mounts = {m["name"]: m for m in self.container["volumeMounts"]}
        volumes = {v["name"]: v for v in self.pod["spec"]["volumes"]}
        assert volumes["config"]["configMap"]["name"] == self.config["metadata"]["name"]
        assert "emptyDir" in volumes["cache"]
        settings = json.loads(self.config["data"]["exodus.json"])
        assert settings["sources"]["cacheDirectory"] == mounts["cache"]["mountPath"]
        args = self.container["args"]
        for flag in ("--config", "--sources-file"):
            path = args[args.index(flag) + 1]
            assert os.path.dirname(path) == mounts["config"]["mountPath"], path
            assert os.path.basename(path) in self.config["data"], path

    def test_service_hpa_and_budget_point_at_the_pods(self):
        labels = self.pod["metadata"]["labels"]
        service = one(self.kinds, "Service")
        assert matches(service["spec"]["selector"], labels)
        assert service["spec"]["ports"][0]["targetPort"] == "http"
        hpa = one(self.kinds, "HorizontalPodAutoscaler")
        target = hpa["spec"]["scaleTargetRef"]
        assert (target["kind"], target["name"]) == ("Deployment", self.deployment["metadata"]["name"])
        assert hpa["spec"]["minReplicas"] >= 2 and hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]
        pdb = one(self.kinds, "PodDisruptionBudget")
        assert matches(pdb["spec"]["selector"]["matchLabels"], labels)

    def test_the_binary_accepts_the_configmap(self):
        if not self.binary:
            print("    (no binary given: exodus.json only parsed)")
            return
        with tempfile.TemporaryDirectory() as tmp:
            for name, text in self.config["data"].items():
                with open(os.path.join(tmp, name), "w") as f:
                    f.write(text)
            config = os.path.join(tmp, "exodus.json")
            check = subprocess.run([self.binary, "check", "--config", config], cwd=ROOT,
                                   capture_output=True, text=True, timeout=60)
            assert check.returncode == 0, check.stdout + check.stderr
            # Serve with the same arguments the Deployment passes, on loopback,
            # the cache folder moved to a temporary one.
            args = [a.replace("/etc/exodus", tmp) for a in self.container["args"]]
            env = dict(os.environ, EXODUS_HOST="127.0.0.1", EXODUS_PORT="0",
                       EXODUS_SOURCES_CACHE_DIRECTORY=os.path.join(tmp, "cache"))
            os.mkdir(os.path.join(tmp, "cache"))
            proc = subprocess.Popen([self.binary] + args, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True)
            try:
                url = None
                deadline = time.time() + 20
                while time.time() < deadline and proc.poll() is None:
                    if select.select([proc.stdout], [], [], 0.5)[0]:
                        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", proc.stdout.readline())
                        if m:
                            url = m.group(1)
                            break
                assert url, "exodus did not start with the ConfigMap's settings"
                with urllib.request.urlopen(url + "/readyz", timeout=5) as r:
                    ready = json.loads(r.read())
                assert ready["status"] == "ready" and ready["snapshot"]["departures"] > 0, ready
            finally:
                proc.terminate()
                proc.wait(10)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else None
    checks = Checks(binary)
    names = sorted((n for n in dir(Checks) if n.startswith("test_")),
                   key=lambda n: Checks.__dict__[n].__code__.co_firstlineno)
    passed = failed = 0
    for name in names:
        try:
            getattr(checks, name)()
            passed += 1
            print("  ok    " + name)
        except Exception as e:  # noqa: BLE001 - report every check, then fail
            failed += 1
            print("  FAIL  %s: %s: %s" % (name, type(e).__name__, e))
    print("deploy: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
