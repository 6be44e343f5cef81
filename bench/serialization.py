"""Saving and loading a case's instance: SpiffWorkflow's own converters against Kawal's, interleaved.

    python -m bench.serialization [--rounds 300]

The instances are those of the grant path of ``workflows/permohonan_informasi.bpmn`` (bench.request_lifecycle's
raw walk): after the start and after each of the seven user tasks. Each round times, per instance and on each
side, ``to_dict`` + ``json.dumps`` (Runtime.dumps) and ``json.loads`` + ``from_dict`` (Runtime.loads); the two
sides alternate which goes first. Medians per instance; before timing, both sides must write the same JSON and
each must load what the other wrote.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from statistics import median

from SpiffWorkflow.util.task import TaskState

from bench.common import load
from bench.request_lifecycle import GRANT_PATH, RAW_VERSION, raw_runtime, step_data
from engine import clock
from engine.runtime import SERIALIZER_VERSION
from engine.serialization import fast_serializer, stock_serializer


def instances(rt) -> list:
    """The grant path's instance after the start and after each user task."""
    start = {"case_id": 1, "ticket": "B", "received_at": clock.now().isoformat()}
    wf = rt.new_workflow(None, RAW_VERSION, start | {"batas_kelengkapan_hari": rt.settings.completion_window_days})
    rt.step(wf)
    walk = [wf]
    for name in GRANT_PATH:
        wf = rt.loads(None, RAW_VERSION, rt.dumps(wf))  # as a request finds it; the one before stays as it was
        task = next(t for t in wf.get_tasks(state=TaskState.READY, manual=True) if t.task_spec.bpmn_id == name)
        task.set_data(**step_data(name))
        task.run()
        rt.step(wf)
        walk.append(wf)
    return walk


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serialization", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=300, help="interleaved rounds (default 300)")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    env.setdefault("KAWAL_ENV", "development")
    rt = raw_runtime(env)
    spec = rt.spec(None, RAW_VERSION)  # cached by raw_runtime: no session used
    sides = {"stock": stock_serializer(SERIALIZER_VERSION), "kawal": fast_serializer(SERIALIZER_VERSION)}

    def dumps(serializer, wf) -> str:
        return json.dumps(serializer.to_dict(wf), separators=(",", ":"))  # as Runtime.dumps

    def loads(serializer, text: str):
        return serializer.from_dict(json.loads(text), spec=spec.spec, subprocess_specs=spec.subprocess_specs)

    walk = instances(rt)
    texts = [dumps(sides["stock"], wf) for wf in walk]
    for wf, text in zip(walk, texts, strict=True):
        assert dumps(sides["kawal"], wf) == text, "Kawal's converters write another JSON"
        assert dumps(sides["kawal"], loads(sides["stock"], text)) == text
        assert dumps(sides["stock"], loads(sides["kawal"], text)) == text
    ms = {(side, op): [[] for _ in walk] for side in sides for op in ("dump", "load")}
    order = list(sides.items())
    for r in range(args.rounds):
        for i, (wf, text) in enumerate(zip(walk, texts, strict=True)):
            for side, serializer in order if r % 2 else order[::-1]:
                t0 = time.perf_counter()
                dumps(serializer, wf)
                t1 = time.perf_counter()
                loads(serializer, text)
                t2 = time.perf_counter()
                ms[side, "dump"][i].append((t1 - t0) * 1000)
                ms[side, "load"][i].append((t2 - t1) * 1000)
    print(f"{args.rounds} interleaved rounds, medians in ms; load average {load()}")
    print(
        f"  {'after':<24}{'tasks':>6}{'bytes':>7}  {'dumps stock':>11}{'kawal':>7}{'ratio':>7}"
        f"  {'loads stock':>11}{'kawal':>7}{'ratio':>7}"
    )
    totals = dict.fromkeys(ms, 0.0)
    for i, (name, wf) in enumerate(zip(("start", *GRANT_PATH), walk, strict=True)):
        tasks = len(wf.tasks) + sum(len(sub.tasks) for sub in wf.subprocesses.values())
        m = {key: median(values[i]) for key, values in ms.items()}
        for key in m:
            totals[key] += m[key]
        print(f"  {name:<24}{tasks:>6}{len(texts[i]):>7}  {_pair(m, 'dump')}  {_pair(m, 'load')}")
    print(f"  {'sum of the medians':<37}  {_pair(totals, 'dump')}  {_pair(totals, 'load')}")
    return 0


def _pair(m: dict, op: str) -> str:
    stock, kawal = m["stock", op], m["kawal", op]
    return f"{stock:>11.3f}{kawal:>7.3f}{stock / kawal:>6.2f}x"


if __name__ == "__main__":
    raise SystemExit(main())
