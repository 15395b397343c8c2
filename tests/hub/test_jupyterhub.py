"""A class on a real JupyterHub, as the README's "Teaching a class" section tells a teacher.

JupyterHub (from PyPI) with configurable-http-proxy (from npm) runs on free ports of 127.0.0.1,
with a config file in a temporary folder, PAM checking passwords and the default
LocalProcessSpawner. Three real Unix accounts (``useradd -m``, passwords by ``chpasswd``) each:

1. follow the nbgitpuller link written in README.md (read from it, with this hub's address and a
   ``git clone`` of this checkout's HEAD as the repository: a ``file://`` URL, or for learner 2 a
   plain path), logging in on the hub's login page in headless Chromium (learner 1 first with a
   wrong password, which PAM refuses); nbgitpuller copies the lessons into their home and
   JupyterLab opens the notebook the link names;
2. open module 01 from the pulled folder, run every cell, answer a quiz (a wrong answer of their
   own first, then the right one) and read the feedback. Learner 3's link is the README's Voila
   form (the start notebook in Voila, then module 01 in Lab); learner 3 then opens module 01 at
   the README's Voila address on the hub, which must carry the README's page policy, adds a cell
   of their own to module 01 and clicks the link again after the teacher has published an
   update: the update comes in, the learner's cell stays;
3. find both answers in their own progress store (``~/.local/share/trafficking-lessons/``), owned
   by them and closed to others, and none of theirs in the other learners' homes.

No page may ask for anything off this machine (the offline guard of tests/browser). The learners'
servers get the README's /etc/jupyter settings through JUPYTER_CONFIG_PATH, import the lesson kit
from the clone (as a hub imports it from /opt/trafficking-lessons), and let git read the clone,
which root owns (see hub.py).

Needs root (CI runs as root), jupyterhub, nbgitpuller, configurable-http-proxy on PATH, Chromium
and Playwright, and a venv the learner accounts can run (not under /root). Without one of them it
skips saying why, and fails under CI=true. The accounts, their homes, the clone and every process
(hub, proxy, the learners' servers and kernels) are removed at the end, pass or fail.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from lessonkit.content import load_course

from ..browser.conftest import (
    ERROR_OUTPUTS,
    ERROR_WORDS,
    GuardedContext,
    check_clean,
    open_in_lab,
    require_browser_parts,
    run_all_in_lab,
)
from ..browser.lessons import (
    OUTPUT_WIDGET,
    PROJECT_ROOT,
    Step,
    check_step,
    click,
    kind_selector,
    quiz_step,
    read_notebook,
)
from ..ci import unavailable
from . import hub as hubs

pytestmark = [pytest.mark.browser, pytest.mark.slow(seconds=55)]

MODULE = "notebooks/en/01-what-is-trafficking.ipynb"
STORE = ".local/share/trafficking-lessons/progress.sqlite3"


@pytest.fixture(scope="module")
def learners():
    problem = hubs.missing_parts()
    if problem:
        unavailable(problem)
    require_browser_parts()
    tried, made = [], []
    try:
        for name in hubs.LEARNERS:
            tried.append(name)
            made.append(hubs.make_account(name))
        yield made
    finally:
        for name in tried:
            hubs.remove_account(name)


@pytest.fixture(scope="module")
def clone():
    """The lessons' repository for the link (and the administrator's copy of the kit)."""
    parent = Path(tempfile.mkdtemp(prefix="lessonkit-hub-repo-"))
    try:
        yield hubs.clone_checkout(parent)
    finally:
        shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture(scope="module")
def hub(learners, clone, tmp_path_factory):
    problem = hubs.learner_cannot_run(learners[0], clone)
    if problem:
        unavailable(problem)
    base = tmp_path_factory.mktemp("jupyterhub")
    server = hubs.start_hub(base, learners, clone)
    try:
        server.wait_ready(timeout=60)
        yield server
    finally:
        server.stop()
        print(f"--- hub log ---\n{server.log_tail(150)}")


def the_quiz(notebook, learners):
    """The first single-answer quiz of the page with a wrong answer for each learner; returns
    it and its index among the page's quizzes."""
    quizzes = [s for s in notebook.shown if s.kind == "quiz"]
    for index, shown in enumerate(quizzes):
        wrong = [o for o in shown.item.options if not o.correct]
        if not shown.item.multiple and len(wrong) >= len(learners):
            return shown.item, index
    raise AssertionError(f"{MODULE} has no one-answer quiz with {len(learners)} wrong answers")


def log_in_through_the_link(page, link: str, learner, wrong_password_first: bool) -> None:
    """Open the link, which leads to the hub's login page; log in there (first with a wrong
    password, when asked: PAM must refuse it)."""
    page.goto(link, timeout=60_000)
    if wrong_password_first:
        page.locator("#username_input").fill(learner.name)
        page.locator("#password_input").fill(learner.password + "-wrong")
        page.locator("#login_submit").click()
        page.locator(".login_error").wait_for(timeout=30_000)
        assert "Invalid username or password" in page.locator(".login_error").inner_text()
        assert "/hub/login" in page.url, page.url
    page.locator("#username_input").fill(learner.name)
    page.locator("#password_input").fill(learner.password)
    page.locator("#login_submit").click()


def wait_for_lab(page, path: str, timeout_ms: int = 90_000) -> None:
    """JupyterLab started (after the spawn and nbgitpuller pages) with ``path`` open."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            """(path) => window.jupyterapp && jupyterapp.started && jupyterapp.shell
                    && jupyterapp.shell.currentWidget
                    && jupyterapp.shell.currentWidget.context
                    && jupyterapp.shell.currentWidget.context.path === path""",
            arg=path,
            timeout=timeout_ms,
            polling=250,
        )
    except PlaywrightTimeout:
        shown = page.evaluate("() => document.body ? document.body.innerText : ''")
        raise AssertionError(
            f"JupyterLab did not open {path} in {timeout_ms / 1000:.0f} s; the page is at "
            f"{page.url}, showing:\n{shown[-1500:]}"
        ) from None


def answer_quiz(page, panel, item, index: int, wrong_text: str, course) -> None:
    """A wrong answer (this learner's own), then the right one; the feedback each time."""
    root = panel.locator(".jp-OutputArea-output").locator(kind_selector("quiz")).nth(index)
    root.wait_for()
    root.scroll_into_view_if_needed()
    right = next(o.text for o in item.options if o.correct)
    for round_number, text in enumerate((wrong_text, right)):
        root.get_by_role("radio", name=text, exact=True).check()
        if round_number:
            check_step(root, Step((course.ui.answer_changed,)))
        click(root, course.ui.check)
        check_step(root, quiz_step(item, course.ui, {text}))


def wait_for_voila(page, notebook, timeout_ms: int = 90_000) -> None:
    """A Voila page of the notebook, every widget drawn, no error shown."""
    page.locator("#rendered_cells").wait_for(state="visible", timeout=timeout_ms)
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n",
        arg=[OUTPUT_WIDGET, notebook.widget_outputs],
        timeout=timeout_ms,
    )
    assert page.locator(ERROR_OUTPUTS).count() == 0


LEARNER_NOTE = "My own note, typed on the hub."

# A cell of the learner's own below the active one, then File > Save.
ADD_NOTE_AND_SAVE = """async (note) => {
    await jupyterapp.commands.execute('notebook:insert-cell-below');
    jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.setSource(note);
    await jupyterapp.commands.execute('docmanager:save');
}"""


def pull_again(page, link: str, learner, clone, landing: str) -> None:
    """The README: each later click brings in the teacher's updates and never overwrites a
    change the learner made. The learner adds a cell to module 01 and saves; the teacher
    publishes an update; the learner clicks the link again."""
    mine = learner.home / hubs.CLONE_NAME / MODULE
    page.evaluate(ADD_NOTE_AND_SAVE, LEARNER_NOTE)
    for _ in range(100):
        if LEARNER_NOTE in mine.read_text(encoding="utf-8"):
            break
        time.sleep(0.1)
    saved = mine.read_bytes()
    assert LEARNER_NOTE.encode() in saved, "JupyterLab did not save the learner's cell"
    update = f"An update for the class ({time.time():.0f})."
    hubs.publish_update(clone, update)
    page.goto(link, timeout=60_000)
    page.wait_for_url(f"**/{landing}", timeout=90_000)
    page.locator("#rendered_cells").wait_for(state="visible", timeout=90_000)
    readme = (learner.home / hubs.CLONE_NAME / "README.md").read_text(encoding="utf-8")
    assert update in readme, "the second click did not bring in the teacher's update"
    assert mine.read_bytes() == saved, "the second click changed the learner's own notebook"


def open_in_voila_through_the_hub(ctx, hub, notebook) -> None:
    """The README's Voila address of module 01 on the hub: the lesson drawn without code."""
    link, inside = hubs.readme_voila_link(hub.url, hubs.CLONE_NAME)
    assert inside == MODULE, f"the README's Voila address opens {inside}, not {MODULE}"
    _, settings = hubs.readme_server_config()
    policy = settings["ServerApp"]["tornado_settings"]["headers"]["Content-Security-Policy"]
    project = json.loads((PROJECT_ROOT / "voila.json").read_text(encoding="utf-8"))
    assert policy == project["Voila"]["tornado_settings"]["headers"]["Content-Security-Policy"]
    assert settings["VoilaExecutor"] == project["VoilaExecutor"]  # a busy hub keeps every exercise
    page = ctx.new_page()
    try:
        response = page.goto(link, timeout=90_000)
        # The README's policy reaches the page (loads from elsewhere are refused, never sent).
        assert response.headers.get("content-security-policy") == policy, response.headers
        wait_for_voila(page, notebook)
        assert page.locator(kind_selector("quiz")).count() == sum(
            s.kind == "quiz" for s in notebook.shown
        )
    finally:
        page.close()


def wait_for_answers(learner, clone, count: int, timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        kept = hubs.stored_answers(learner, clone)
        if (kept["answers"] and len(kept["answers"]) >= count) or time.monotonic() > deadline:
            return kept
        time.sleep(0.25)


def test_three_learners_pull_the_lessons_and_keep_their_own_progress(hub, learners, clone, browser):
    template = hubs.readme_link()
    # nbgitpuller takes the repository as a file:// URL or as a plain path: learner 2 uses the
    # path, the others the URL.
    # The last learner's link opens the lessons in Voila, as the README says it can.
    urlpaths = [None] * (len(learners) - 1) + [hubs.readme_voila_urlpath()]
    links = [
        hubs.learner_link(template, hub.url, str(clone) if n == 1 else clone.as_uri(), urlpath)
        for n, urlpath in enumerate(urlpaths)
    ]
    module_path = f"{hubs.CLONE_NAME}/{MODULE}"
    course = load_course("en")
    timings: dict[str, float] = {}
    chosen: dict[str, list[int]] = {}
    item = None

    for number, learner in enumerate(learners):
        started = time.monotonic()
        ctx = GuardedContext(browser)
        try:
            mark = ctx.marks()
            page = ctx.new_page()
            link, opened = links[number]
            log_in_through_the_link(page, link, learner, wrong_password_first=number == 0)
            pulled = learner.home / hubs.CLONE_NAME
            if opened.startswith("voila/"):
                # What the page must show, read from the repository (the pull is under way).
                wait_for_voila(page, read_notebook(clone / opened.split("/", 3)[3]))
                assert page.url == f"{hub.url}/user/{learner.name}/{opened}", page.url
                page.goto(f"{hub.url}/user/{learner.name}/lab/tree/{module_path}")
                wait_for_lab(page, module_path)
            else:
                wait_for_lab(page, opened.removeprefix("lab/tree/"))
            assert page.url.startswith(f"{hub.url}/user/{learner.name}/lab"), page.url
            assert (pulled / MODULE).is_file(), f"nbgitpuller did not copy {MODULE} to {pulled}"
            assert (pulled / MODULE).stat().st_uid == learner.uid
            timings[f"{learner.name}: link to Lab"] = time.monotonic() - started

            notebook = read_notebook(pulled / MODULE)
            item, index = the_quiz(notebook, learners)
            wrong = [o for o in item.options if not o.correct][number]
            chosen[learner.name] = [item.options.index(wrong)]

            panel = open_in_lab(page, module_path)
            page.evaluate("() => jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
            run_all_in_lab(page)
            widgets = panel.locator(OUTPUT_WIDGET)
            widgets.nth(notebook.widget_outputs - 1).wait_for()
            assert widgets.count() == notebook.widget_outputs
            assert panel.locator(ERROR_OUTPUTS).count() == 0
            text = panel.inner_text()
            assert not [w for w in ERROR_WORDS if w in text], text[-2000:]

            answer_quiz(page, panel, item, index, wrong.text, course)
            timings[f"{learner.name}: link to feedback"] = time.monotonic() - started
            if number == len(learners) - 1:
                open_in_voila_through_the_hub(ctx, hub, notebook)
                pull_again(page, link, learner, clone, opened)
            check_clean(ctx, mark)
        finally:
            ctx.close()

    right = [i for i, o in enumerate(item.options) if o.correct]
    module = "01-what-is-trafficking"
    for learner in learners:
        kept = wait_for_answers(learner, clone, 2)
        assert kept["store"] == str(learner.home / STORE)
        got = [(a["module"], a["item"], a["answer"], a["correct"]) for a in kept["answers"]]
        assert got == [
            (module, item.id, chosen[learner.name], False),
            (module, item.id, right, True),
        ], f"{learner.name}'s store holds {got}"
        store = learner.home / STORE
        info = store.stat()
        assert info.st_uid == learner.uid and info.st_mode & 0o777 == 0o600, oct(info.st_mode)
        folder = store.parent.stat()
        assert folder.st_uid == learner.uid and folder.st_mode & 0o777 == 0o700
        for other in learners:
            if other is not learner:
                strays = hubs.files_owned_by(learner.uid, other.home)
                assert not strays, f"{learner.name} left files in {other.name}'s home: {strays}"
        strays = hubs.files_owned_by(learner.uid, clone.parent)
        assert not strays, f"{learner.name} wrote into the administrator's copy: {strays}"
    print("timings: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
