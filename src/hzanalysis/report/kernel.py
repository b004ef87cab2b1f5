"""The project's Jupyter kernel: one kernelspec that runs this Python, found only where the runner put it."""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import threading
from pathlib import Path

from ..errors import ParameterError
from ..fileio import atomic_write_text

log = logging.getLogger(__name__)

KERNEL_NAME = "hzanalysis"
#: The kernel's own chatter ("running over TCP without encryption" on localhost at start, an occasional
#: "KeyboardInterrupt caught" at shutdown) is not for the report's log; a failing cell still reaches the
#: runner as an exception and fails the page.
KERNEL_QUIET = "--IPKernelApp.log_level=CRITICAL"


def _kernels_root(prefix: str) -> Path:
    return Path(prefix) / "share" / "jupyter" / "kernels"


_kernel_lock = threading.Lock()


def ensure_kernel() -> Path:
    """Make sure the ``hzanalysis`` kernelspec exists and runs this Python; returns its kernels folder.

    Installed under ``sys.prefix`` (idempotent); if that is read-only, under the user's cache folder.
    The runner looks kernels up only there, so a stale ``~/.local`` kernel of the same name cannot win.
    """
    with _kernel_lock:
        cache_prefix = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hzanalysis"
        for prefix in (sys.prefix, str(cache_prefix)):
            spec = _kernels_root(prefix) / KERNEL_NAME / "kernel.json"
            try:
                argv = json.loads(spec.read_text(encoding="utf-8")).get("argv", [])
                if argv and argv[0] == sys.executable and KERNEL_QUIET in argv:
                    return _kernels_root(prefix)
            except (OSError, ValueError):
                pass
            try:
                from ipykernel.kernelspec import install

                install(prefix=prefix, kernel_name=KERNEL_NAME, display_name="Python (hzanalysis)")
                description = json.loads(spec.read_text(encoding="utf-8"))
                description["argv"].append(KERNEL_QUIET)
                atomic_write_text(spec, json.dumps(description, indent=1))
                return _kernels_root(prefix)
            except (OSError, ParameterError) as error:
                log.warning("could not install the %s kernelspec under %s: %s", KERNEL_NAME, prefix, error)
        raise ParameterError(
            f"could not install the {KERNEL_NAME!r} Jupyter kernel under {sys.prefix} or "
            f"{cache_prefix}; make one of them writable"
        )


@functools.cache
def kernel_manager_class(kernels_root: Path) -> type:
    """An nbclient kernel manager that finds kernelspecs only in ``kernels_root``."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class ProjectKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self) -> KernelSpecManager:
            return KernelSpecManager(kernel_dirs=[str(kernels_root)])

    return ProjectKernelManager


#: Run in a warm kernel before its next page: the namespace emptied and the page's one-off display state
#: cleared, so the page starts as it would in a fresh kernel (the imported modules stay: that is the point).
RESET_CODE = """\
get_ipython().run_line_magic("reset", "-f")
import sys as _sys
_display = _sys.modules.get("hzanalysis.display")
if _display is not None:
    _display._state["bundle_shown"] = False  # every page carries its own chart bundle
del _sys, _display
"""


class WarmKernels:
    """One started kernel per worker thread, reused page after page.

    A fresh kernel per page costs its start (0.6 s) and ``import hzanalysis`` (about 1 s of pandas, altair
    and the package): on 31 pages and 2 cores, more than the pages' own work. A warm kernel pays that once
    per worker; before each later page :data:`RESET_CODE` empties it. A kernel whose page failed (an error,
    a timeout, a dead kernel) is shut down, never reused: the next page gets a new one.
    """

    def __init__(self, kernels_root: Path, cwd: Path) -> None:
        self._class = kernel_manager_class(kernels_root)
        self._cwd = str(cwd)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._started: list = []

    def get(self) -> object:
        """This thread's kernel manager, started (and emptied when it ran a page before)."""
        from jupyter_core.utils import run_sync

        km = getattr(self._local, "km", None)
        if km is not None:
            try:
                self._reset(km)
                return km
            except Exception as error:  # a kernel that cannot be emptied is not reused
                log.info("warm kernel not reusable (%s); starting a new one", error)
                self.discard()
        km = self._class(kernel_name=KERNEL_NAME)
        run_sync(km.start_kernel)(cwd=self._cwd)
        self._local.km = km
        with self._lock:
            self._started.append(km)
        return km

    @staticmethod
    def _reset(km: object, timeout: float = 60.0) -> None:
        from jupyter_client import BlockingKernelClient

        client = BlockingKernelClient()
        client.load_connection_info(km.get_connection_info())  # type: ignore[attr-defined]
        client.start_channels()
        try:
            # The reply on the shell channel says it ran; the output channel is not awaited (a new
            # subscriber can miss its first messages and would wait for nothing).
            msg_id = client.execute(RESET_CODE, silent=True, store_history=False)
            while True:
                reply = client.get_shell_msg(timeout=timeout)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
        finally:
            client.stop_channels()
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"reset failed: {reply['content'].get('evalue')}")

    def discard(self) -> None:
        """Shut down this thread's kernel (after a failed page); the next page starts a new one."""
        km = getattr(self._local, "km", None)
        self._local.km = None
        if km is not None:
            self._shutdown(km)

    def _shutdown(self, km: object) -> None:
        from jupyter_core.utils import run_sync

        with self._lock:
            if km not in self._started:
                return
            self._started.remove(km)
        try:
            run_sync(km.shutdown_kernel)(now=True)  # type: ignore[attr-defined]
        except Exception as error:  # already dead: nothing left to stop
            log.debug("kernel shutdown: %s", error)

    def close(self) -> None:
        """Shut down every kernel still running."""
        with self._lock:
            kernels = list(self._started)
        for km in kernels:
            self._shutdown(km)


#: The papermill engine of pages run in a warm kernel (registered on first use).
WARM_ENGINE = "hzanalysis-warm"


@functools.cache
def warm_engine() -> str:
    """Register (once) and name the papermill engine that runs a notebook in a kernel it was given.

    papermill's own engine leaves the client of a kernel it does not own connected after the notebook, and
    each such client later logs "Could not destroy zmq context" into the run's log; this one disconnects it.
    """
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger

    class WarmClient(PapermillNotebookClient):
        def execute(self, **kwargs: object) -> object:
            try:
                return super().execute(**kwargs)
            finally:
                client = getattr(self, "kc", None)  # the kernel client, typed in no stub
                if client is not None:
                    client.stop_channels()
                    self.kc = None

    class WarmEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: object,
            kernel_name: str,
            log_output: bool = False,
            stdout_file: object = None,
            stderr_file: object = None,
            start_timeout: float = 60,
            execution_timeout: float | None = None,
            **kwargs: object,
        ) -> object:
            for unused in ("input_path", "timeout", "startup_timeout"):
                kwargs.pop(unused, None)
            return WarmClient(
                nb_man,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                **kwargs,
            ).execute()

    papermill_engines.register(WARM_ENGINE, WarmEngine)
    return WARM_ENGINE
