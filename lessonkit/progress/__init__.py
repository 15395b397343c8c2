"""Learner progress: kept in one SQLite file on the learner's own computer and nowhere else.

- ``store.py``: the store itself (standard library only; it imports nothing from the lesson kit,
  so a test can load it on its own by path);
- ``session.py``: the kernel's one store, and exercises tied to it (``attach``);
- ``summary.py``: opened, completed and score per module;
- ``browser.py``: the store of a browser kernel (JupyterLite): in memory, with a snapshot kept
  in the browser's storage for the site;
- ``portable.py``: the progress file a learner carries to another computer, and bringing it in;
- ``export.py``: the learner's progress as Markdown and JSON files;
- ``answer_text.py``: a saved answer in words;
- ``overview.py``: the overview widget (chart, table, export, Start over, delete all).
"""

from .session import (
    attach,
    default_store,
    forget_default_store,
    graded_items,
    module_opened,
    notice_text,
    reset_attached,
    session_notice,
)
from .store import (
    APPLICATION_ID,
    MIGRATIONS,
    PROGRESS_ENV,
    SAVED_ON_REQUEST,
    SCHEMA_VERSION,
    Answer,
    DamagedFile,
    ModuleRecord,
    NewerFile,
    NotKept,
    NullStore,
    Problem,
    ProgressStore,
    damaged_copies,
    move_aside,
    now,
    open_store,
    store_path,
)

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "PROGRESS_ENV",
    "SAVED_ON_REQUEST",
    "SCHEMA_VERSION",
    "Answer",
    "DamagedFile",
    "ModuleRecord",
    "NewerFile",
    "NotKept",
    "NullStore",
    "Problem",
    "ProgressStore",
    "attach",
    "damaged_copies",
    "default_store",
    "forget_default_store",
    "graded_items",
    "module_opened",
    "move_aside",
    "notice_text",
    "now",
    "open_store",
    "reset_attached",
    "session_notice",
    "store_path",
]
