"""What the Kubernetes schemas cannot check in deploy/kubernetes/.

The schemas say a manifest is well formed; these checks say it is the one we
mean: one ingest pod that fetches, extracts and publishes /snapshot, serving
replicas that load it (--snapshot pointing at the ingest Service), probes on
the right paths, resources, locked-down containers, selectors that match their
own pods only, the admin token from a Secret (and no Secret in git), no service
links, a ConfigMap whose exodus.json and sources.txt the real binary accepts,
and the binaries started exactly as the pods start them: an ingest process and
two serving processes that follow it, pick up its reload within one refresh,
and keep serving when it is killed.

Usage: python check_manifests.py [path-to-exodus-binary]
"""

import glob
import json
import os
import re
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import signal
import urllib.parse
import urllib.request

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FOLDER = os.path.join(ROOT, "deploy", "kubernetes")
DOCKERFILE = os.path.join(ROOT, "Dockerfile")


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


def service_links(service, cluster_ip):
    """The variables Kubernetes injects into every pod of the namespace for one Service
    (pkg/kubelet/envvars): NAME_SERVICE_HOST/PORT, NAME_SERVICE_PORT_<PORT NAME>, and the
    Docker-link style NAME_PORT, NAME_PORT_<port>_<PROTO>[_PROTO|_PORT|_ADDR]."""
    prefix = service["metadata"]["name"].upper().replace("-", "_")
    ports = service["spec"]["ports"]
    env = {prefix + "_SERVICE_HOST": cluster_ip, prefix + "_SERVICE_PORT": str(ports[0]["port"])}
    for i, port in enumerate(ports):
        number, proto = str(port["port"]), port.get("protocol", "TCP")
        if port.get("name"):
            env["%s_SERVICE_PORT_%s" % (prefix, port["name"].upper().replace("-", "_"))] = number
        url = "%s://%s:%s" % (proto.lower(), cluster_ip, number)
        if i == 0:
            env[prefix + "_PORT"] = url
        base = "%s_PORT_%s_%s" % (prefix, number, proto)
        env.update({base: url, base + "_PROTO": proto.lower(), base + "_PORT": number, base + "_ADDR": cluster_ip})
    return env


def image_start():
    """What the image's final stage sets up: working directory, environment, and the files it
    copies from the build context there (so that relative paths resolve as in the image)."""
    lines = open(DOCKERFILE).read().replace("\\\n", " ").splitlines()
    final = max(i for i, line in enumerate(lines) if line.upper().startswith("FROM "))
    workdir, env, copies = "/", {}, []
    for line in lines[final + 1:]:
        words = shlex.split(line, comments=True)
        if not words:
            continue
        op, rest = words[0].upper(), words[1:]
        if op == "WORKDIR":
            workdir = os.path.join(workdir, rest[0])
        elif op == "ENV":
            env.update(w.split("=", 1) for w in rest if "=" in w)
        elif op == "COPY" and not any(w.startswith("--from") for w in rest):
            copies.append((rest[0], os.path.join(workdir, rest[1])))
    return workdir, env, copies


INGEST = "exodus-ingest"
SERVING = "exodus"


class Checks:
    def __init__(self, binary):
        self.binary = binary
        self.kinds = load()
        self.deployments = {d["metadata"]["name"]: d for d in self.kinds.get("Deployment", [])}
        assert set(self.deployments) == {INGEST, SERVING}, sorted(self.deployments)
        self.services = {s["metadata"]["name"]: s for s in self.kinds.get("Service", [])}
        self.config = one(self.kinds, "ConfigMap")

    def pod(self, name):
        return self.deployments[name]["spec"]["template"]

    def container(self, name):
        return self.pod(name)["spec"]["containers"][0]

    def snapshot_url(self):
        args = self.container(SERVING)["args"]
        return args[args.index("--snapshot") + 1]

    def test_the_expected_objects_and_no_secret(self):
        assert set(self.kinds) == {"Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler",
                                   "PodDisruptionBudget"}, sorted(self.kinds)
        for path in glob.glob(os.path.join(FOLDER, "*")):
            with open(path) as f:
                text = f.read()
            assert not re.search(r"^kind:\s*Secret\b", text, re.M), path + " holds a Secret"

    def test_one_ingest_and_at_least_two_serving_replicas(self):
        assert self.deployments[INGEST]["spec"]["replicas"] == 1
        assert self.deployments[SERVING]["spec"]["replicas"] >= 2
        for name, d in self.deployments.items():
            spec = d["spec"]
            assert matches(spec["selector"]["matchLabels"], self.pod(name)["metadata"]["labels"]), name
            assert spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0, name
        # Neither Deployment's selector picks the other's pods.
        assert not matches(self.deployments[SERVING]["spec"]["selector"]["matchLabels"], self.pod(INGEST)["metadata"]["labels"])
        assert not matches(self.deployments[INGEST]["spec"]["selector"]["matchLabels"], self.pod(SERVING)["metadata"]["labels"])

    def test_probes_use_readyz_and_healthz_on_the_served_port(self):
        for name in self.deployments:
            c = self.container(name)
            ports = {p["name"]: p["containerPort"] for p in c["ports"]}
            assert ports == {"http": 8080}, ports
            assert c["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
            assert c["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}

    def test_requests_and_limits_are_set_and_ordered(self):
        # The schemas take any string here; a typo such as "250 m" would only fail at apply time.
        for name in self.deployments:
            r = self.container(name)["resources"]
            for section in ("requests", "limits"):
                assert set(r[section]) == {"cpu", "memory"}, r
            for resource in ("cpu", "memory"):
                assert quantity(r["requests"][resource]) <= quantity(r["limits"][resource]), r

    def test_the_containers_run_locked_down(self):
        for name in self.deployments:
            pod = self.pod(name)["spec"]["securityContext"]
            c = self.container(name)["securityContext"]
            assert pod["runAsNonRoot"] is True and pod["runAsUser"] != 0
            assert c["readOnlyRootFilesystem"] is True
            assert c["allowPrivilegeEscalation"] is False
            assert c["capabilities"]["drop"] == ["ALL"]
            assert self.pod(name)["spec"]["automountServiceAccountToken"] is False

    def test_admin_token_comes_from_a_secret(self):
        for name in self.deployments:
            env = {e["name"]: e for e in self.container(name)["env"]}
            ref = env["EXODUS_ADMIN_TOKEN"]["valueFrom"]["secretKeyRef"]
            assert ref["name"] and ref["key"]
            assert "value" not in env["EXODUS_ADMIN_TOKEN"]
        # The ingest's admin reload is part of the design: its Secret is not optional.
        ref = {e["name"]: e for e in self.container(INGEST)["env"]}["EXODUS_ADMIN_TOKEN"]["valueFrom"]["secretKeyRef"]
        assert not ref.get("optional", False)

    def test_the_ingest_fetches_caches_and_publishes(self):
        c = self.container(INGEST)
        mounts = {m["name"]: m for m in c["volumeMounts"]}
        volumes = {v["name"]: v for v in self.pod(INGEST)["spec"]["volumes"]}
        assert volumes["config"]["configMap"]["name"] == self.config["metadata"]["name"]
        assert "emptyDir" in volumes["cache"]
        settings = json.loads(self.config["data"]["exodus.json"])
        assert settings["sources"]["cacheDirectory"] == mounts["cache"]["mountPath"]
        args = c["args"]
        assert args[0] == "serve" and "--publish-snapshot" in args and "--snapshot" not in args
        for flag in ("--config", "--sources-file"):
            path = args[args.index(flag) + 1]
            assert os.path.dirname(path) == mounts["config"]["mountPath"], path
            assert os.path.basename(path) in self.config["data"], path

    def test_the_serving_pods_load_the_ingest_snapshot_and_fetch_nothing(self):
        c = self.container(SERVING)
        args = c["args"]
        assert args[0] == "serve" and "--sources-file" not in args and "--source" not in args
        url = urllib.parse.urlsplit(self.snapshot_url())
        service = self.services[INGEST]
        assert url.scheme == "http" and url.hostname == INGEST and url.path == "/snapshot", url
        assert (url.port or 80) == service["spec"]["ports"][0]["port"]
        assert not any(m["name"] == "cache" for m in c.get("volumeMounts", [])), "serving pods cache nothing"
        env = {e["name"]: e.get("value") for e in c["env"]}
        assert 0 < int(env["EXODUS_SOURCES_REFRESH_SECONDS"]) <= 60

    def test_services_hpa_and_budget_point_at_their_pods(self):
        for name in self.deployments:
            service = self.services[name]
            assert matches(service["spec"]["selector"], self.pod(name)["metadata"]["labels"])
            other = INGEST if name == SERVING else SERVING
            assert not matches(service["spec"]["selector"], self.pod(other)["metadata"]["labels"])
            assert service["spec"]["ports"][0]["targetPort"] == "http"
        labels = self.pod(SERVING)["metadata"]["labels"]
        hpa = one(self.kinds, "HorizontalPodAutoscaler")
        target = hpa["spec"]["scaleTargetRef"]
        assert (target["kind"], target["name"]) == ("Deployment", SERVING)
        assert hpa["spec"]["minReplicas"] >= 2 and hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]
        pdb = one(self.kinds, "PodDisruptionBudget")
        assert matches(pdb["spec"]["selector"]["matchLabels"], labels)

    def test_service_links_are_off(self):
        # Kubernetes injects EXODUS_* variables for Services named exodus and exodus-ingest.
        for name in self.deployments:
            assert self.pod(name)["spec"]["enableServiceLinks"] is False, name

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

    def start_pod(self, name, tmp, rewrite=None):
        """The container exactly as the Deployment and the image start it: the manifest's
        args, its env over the variables Kubernetes injects for the manifests' own Services
        (as if enableServiceLinks were left on) over the image's ENV, and the image's working
        directory with what the Dockerfile copies there. Only what cannot be had on a test
        machine is moved: each volume mount to a temporary folder (paths in the args, env and
        ConfigMap files follow), the listening address to 127.0.0.1 port 0, the optional
        admin Secret to a test value, and `rewrite` (a Service URL to a loopback one).
        Returns (process, base URL, the pod's root folder)."""
        workdir, image_env, copies = image_start()
        c = self.container(name)
        pod = self.pod(name)
        assert "workingDir" not in c and "command" not in c, "update this check for a workingDir or command"
        root = os.path.join(tmp, name)
        def inside(path):
            return os.path.join(root, path.lstrip("/"))
        for source, target in copies:
            source = os.path.join(ROOT, source)
            if os.path.isdir(source):
                shutil.copytree(source, inside(target), dirs_exist_ok=True)
        moved = {}
        volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
        for mount in c.get("volumeMounts", []):
            folder = inside(mount["mountPath"])
            os.makedirs(folder, exist_ok=True)
            moved[mount["mountPath"]] = folder
        def move(text):
            for path, folder in moved.items():
                text = text.replace(path, folder)
            for old, new in (rewrite or {}).items():
                text = text.replace(old, new)
            return text
        for mount in c.get("volumeMounts", []):
            volume = volumes[mount["name"]]
            if "configMap" in volume:
                assert volume["configMap"]["name"] == self.config["metadata"]["name"]
                for file, text in self.config["data"].items():
                    with open(os.path.join(moved[mount["mountPath"]], file), "w") as f:
                        f.write(move(text))
        env = {k: v for k, v in os.environ.items() if not k.startswith("EXODUS")}
        env.update(image_env)
        for i, service in enumerate(self.kinds.get("Service", [])):
            env.update(service_links(service, "10.96.0.%d" % (10 + i)))
        for e in c["env"]:
            if "value" in e:
                env[e["name"]] = move(e["value"])
            elif "secretKeyRef" in e.get("valueFrom", {}):
                env[e["name"]] = "test-token"
        env.update(EXODUS_HOST="127.0.0.1", EXODUS_PORT="0")
        args = [move(a) for a in c["args"]]
        proc = subprocess.Popen([self.binary] + args, cwd=inside(workdir), env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        self.started.append(proc)
        deadline = time.time() + 20
        while time.time() < deadline and proc.poll() is None:
            if select.select([proc.stdout], [], [], 0.5)[0]:
                m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", proc.stdout.readline())
                if m:
                    return proc, m.group(1), root
        proc.kill()
        raise AssertionError("%s did not start as its Deployment starts it: %s" % (name, proc.stderr.read()[-3000:]))

    @staticmethod
    def ready(url):
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=5) as r:
                return json.loads(r.read())
        except Exception:  # noqa: BLE001 - not ready (yet)
            return None

    @staticmethod
    def wait(check, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if check():
                return True
            time.sleep(0.2)
        return check()

    def test_pods_start_and_the_serving_pods_follow_the_ingest(self):
        if not self.binary:
            print("    (no binary given: not started)")
            return
        refresh = int({e["name"]: e.get("value") for e in self.container(SERVING)["env"]}["EXODUS_SOURCES_REFRESH_SECONDS"])
        self.started = []
        with tempfile.TemporaryDirectory() as tmp:
            try:
                ingest, ingest_url, ingest_root = self.start_pod(INGEST, tmp)
                first = self.ready(ingest_url)
                assert first and first["status"] == "ready" and first["snapshot"]["departures"] > 0, first
                with urllib.request.urlopen(ingest_url + "/snapshot", timeout=5) as r:
                    assert r.headers["ETag"] == '"%s"' % first["snapshot"]["version"]
                # The serving pods reach the ingest Service at the snapshot URL's host and port.
                url = urllib.parse.urlsplit(self.snapshot_url())
                rewrite = {"%s://%s" % (url.scheme, url.netloc): ingest_url}
                servers = []
                for i in range(2):
                    _, base, _ = self.start_pod(SERVING, os.path.join(tmp, "serve-%d" % i), rewrite)
                    servers.append(base)
                version = first["snapshot"]["version"]
                def serving(v):
                    return all((self.ready(b) or {}).get("snapshot", {}).get("version") == v for b in servers)
                assert self.wait(lambda: serving(version), 10), [self.ready(b) for b in servers]
                # A reload of the ingest (new seed, admin call) reaches both within one refresh.
                seeds = os.path.join(ingest_root, "app", "Config", "seeds")
                with open(os.path.join(seeds, "zz-deploy-check.txt"), "w") as f:
                    f.write("The Deploy Check Society said on Monday it had left X for Bluesky.\n")
                request = urllib.request.Request(ingest_url + "/admin/reload", method="POST",
                                                 headers={"Authorization": "Bearer test-token"})
                with urllib.request.urlopen(request, timeout=30) as r:
                    report = json.loads(r.read())
                new = report["snapshot_version"]
                assert new != version, report
                started = time.time()
                assert self.wait(lambda: serving(new), refresh + 3), [self.ready(b) for b in servers]
                print("    both serving pods on the ingest's new version after %.1f s (refresh %d s)" % (time.time() - started, refresh))
                # The ingest killed: both keep serving the last good snapshot through a refresh.
                ingest.send_signal(signal.SIGKILL)
                ingest.wait(10)
                time.sleep(refresh + 1)
                assert serving(new), [self.ready(b) for b in servers]
            finally:
                for proc in self.started:
                    if proc.poll() is None:
                        proc.terminate()
                for proc in self.started:
                    proc.wait(10)
            for proc in self.started[1:]:
                assert proc.returncode == 0, proc.stderr.read()[-3000:]


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
