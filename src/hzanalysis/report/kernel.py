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
