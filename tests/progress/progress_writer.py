"""Helper for the progress tests: a writer process, like a kernel keeping a learner's answers.

    python tests/progress/progress_writer.py DB TAG COUNT

Opens the store at DB and prints ``ready``, then records COUNT answers with item ids TAG-0,
TAG-1, ... Each later line is an item id whose write has committed (printed only after
``record`` returned). At the end it prints ``done`` and, if anything went wrong,
``problem: ...``. It also reads the module's state now and then, as a re-opened widget would.

It loads lessonkit/progress/store.py on its own, not the whole package, so a run starts in about
50 ms: the crash test starts it 50 times.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

PROGRESS = Path(__file__).resolve().parents[2] / "lessonkit" / "progress" / "store.py"


def load_progress():
    spec = importlib.util.spec_from_file_location("progress_alone", PROGRESS)
    module = importlib.util.module_from_spec(spec)
    sys.modules["progress_alone"] = module
    spec.loader.exec_module(module)
    return module


def main(db: str, tag: str, count: int) -> int:
    progress = load_progress()
    store = progress.open_store(Path(db))
    if not store.usable or store.problem is not None:
        print(f"problem: {store.problem}", flush=True)
        return 1
    module = f"module-{tag}"
    out = sys.stdout
    print("ready", flush=True)
    for index in range(count):
        item = f"{tag}-{index}"
        answer = {"choice": index % 4, "text": "r\u00e9ponse " * (index % 3)}
        ok = store.record(module, item, "quiz", answer, index % 2 == 0, True, required=[item])
        if not ok:
            print(f"problem: {store.problem}", flush=True)
            return 1
        out.write(item + "\n")
        out.flush()
        if index % 10 == 0:
            store.mark_opened(module)
            store.module_state(module)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
