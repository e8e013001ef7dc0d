"""Time the document scanner: ``python bench/scan.py [--runs 3]``.

Two rows (issue 26's targets): the 69 KB 2022 plan (``tests/data/scan/plan_2022.txt``) in <= 3 s,
and a generated document of about 1 MB (the plan and the evaluation corpus texts repeated, each
copy headed ``附件N``) in <= 20 s.  Each row times one ``scan_documents`` call (read, load the
records, gazetteer, dictionary and layers, find, classify, place, match, report) in a fresh
process, so that no cache of an earlier run helps.  Printed: the best and the median wall time of
``--runs`` runs, the median CPU time of the scan (less sensitive than the wall clock to a loaded
shared machine), the whole process with its imports (geopandas ...), the peak memory of the
process (``ru_maxrss``), the peak of Python's own allocations during the scan (``tracemalloc``, in
one more run that is not timed: it slows Python down several times) and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "tests" / "data" / "scan" / "plan_2022.txt"
CORPUS = ROOT / "tests" / "data" / "scan" / "corpus"

_CHILD = """
import json, resource, sys, time, tracemalloc
sys.path.insert(0, {root!r})
begin = time.perf_counter()
from geo.scan import scan_documents
imported = time.perf_counter()
cpu = time.process_time()
if {traced!r}:
    tracemalloc.start()
result = scan_documents([{path!r}])
done = time.perf_counter()
peak = tracemalloc.get_traced_memory()[1] if {traced!r} else 0
print(json.dumps({{"seconds": done - imported, "cpu": time.process_time() - cpu, "process": done - begin,
                  "features": len(result.features), "chars": len(result.documents[0].text), "traced_mb": peak / 2**20,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def make_big_document(folder: Path, target_bytes: int = 1_000_000) -> Path:
    """A UTF-8 text of about ``target_bytes``: the plan and the corpus texts repeated."""
    parts = [PLAN.read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    text, copies = "", 0
    while len(text.encode("utf-8")) < target_bytes:
        copies += 1
        text += f"\n附件{copies}\n" + "\n".join(parts)
    path = folder / "big_1mb.txt"
    path.write_text(text, encoding="utf-8")
    return path


def time_scan(path: Path, traced: bool = False) -> dict[str, float]:
    """One scan of ``path`` in a fresh Python process (``traced``: under tracemalloc, for its peak only)."""
    code = _CHILD.format(root=str(ROOT), path=str(path), traced=traced)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Print one row per document: size, features, best/median seconds, peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        big = make_big_document(Path(tmp))
        print("| document | bytes | characters | features | scan best s | scan median s | scan CPU s | target s | "
              "process with imports s | peak RSS MB | peak traced MB | load average |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for path, target in ((PLAN, 3.0), (big, 20.0)):
            runs = [time_scan(path) for _ in range(args.runs)]
            traced = time_scan(path, traced=True)
            seconds = [r["seconds"] for r in runs]
            print(f"| {path.name} | {path.stat().st_size:,} | {runs[0]['chars']:,} | {runs[0]['features']} | "
                  f"{min(seconds):.2f} | {statistics.median(seconds):.2f} | "
                  f"{statistics.median(r['cpu'] for r in runs):.2f} | {target:.0f} | "
                  f"{statistics.median(r['process'] for r in runs):.2f} | {max(r['rss_mb'] for r in runs):.0f} | "
                  f"{traced['traced_mb']:.0f} | {os.getloadavg()[0]:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
