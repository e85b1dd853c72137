#!/usr/bin/env bash
# Checks deploy/kubernetes/ offline:
#  1. every manifest against the Kubernetes OpenAPI schemas that the
#     kubernetes-validate package ships (PyPI, into .venv), strictly (unknown
#     fields are errors), for the newest and an older supported release;
#  2. what the schemas cannot say (Tests/deploy/check_manifests.py): probes,
#     resources, non-root, read-only root, labels that match, no committed
#     Secret, no service links, and that the real binary (when one is given)
#     accepts the ConfigMap and starts as the pod starts it: the Deployment's
#     args and env, the service-link variables of the manifests' Services, the
#     image's working directory.
# Runs in a private network namespace when it can, to prove nothing is fetched.
# Usage: Tests/deploy/validate.sh [path-to-exodus-binary]
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=.venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
[ -x "$venv/bin/kubernetes-validate" ] || "$venv/bin/pip" install --quiet "kubernetes-validate==1.37.0"

offline=()
if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then
  offline=(unshare --net)
  echo "validating without network (unshare --net)"
fi

manifests=(deploy/kubernetes/*.yaml)
for version in 1.37.0 1.30.0; do
  "${offline[@]}" "$venv/bin/kubernetes-validate" --strict --kubernetes-version "$version" "${manifests[@]}"
done
# Loopback only (it may start the binary), so outside the empty namespace.
"$venv/bin/python" Tests/deploy/check_manifests.py "${1:-}"
