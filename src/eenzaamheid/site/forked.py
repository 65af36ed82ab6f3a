"""Notebook kernels forked from a server that has imported the heavy libraries once.

A kernel started as ``python -m ipykernel_launcher`` spends about two seconds of CPU importing
IPython, pandas, matplotlib and seaborn before its first cell does anything: a quarter of the
main job. :class:`ForkedProvisioner` starts the same kernel as a process forked from a server
(this file run as a script) that imported :data:`PRELOAD` once, and nothing of this project:
each kernel still imports ``eenzaamheid`` itself, with its own environment, working folder and
process group, as a kernel started with ``Popen`` has. (multiprocessing's own fork server runs
the parent's ``__main__`` again in every child.)"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import pathlib
import signal
import subprocess
import sys
import threading
import time
import uuid
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

PRELOAD = [  # imported once, in the server
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "numpy",
    "pandas",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "seaborn",
    "openpyxl",
    "fontTools.subset",
]
INLINE = "module://matplotlib_inline.backend_inline"  # ipykernel's backend for matplotlib


class ForkedKernelManager(AsyncKernelManager):
    """jupyter_client's kernel manager, its kernel forked (:class:`ForkedProvisioner`)."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.kernel_id = self.kernel_id or str(uuid.uuid4())
        self.provisioner = ForkedProvisioner(
            kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
        )


class ForkedProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, starting ``python -m ipykernel_launcher`` as a
    process forked from the server (:class:`Forked`); any other command as before."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        if cmd[1:3] != ["-m", "ipykernel_launcher"] or cmd[0] != sys.executable:
            return await super().launch_kernel(cmd, **kwargs)  # another kernel or Python
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env = dict(kwargs.get("env") or os.environ)
        self.process = Forked(cmd[3:], env, cwd)  # it watches the server (its parent_handle)
        self.pid = self.pgid = self.process.pid  # the kernel leads its own process group
        self.cwd = pathlib.Path(cwd)
        return self.connection_info


class Forked:
    """A kernel forked by the server, with the part of ``subprocess.Popen`` a provisioner
    uses: ``pid``, ``poll``, ``wait`` and signals."""

    stdin = stdout = stderr = None

    def __init__(self, arguments: list[str], env: dict[str, str], cwd: str):
        self.pid = _Server.ask({"fork": [arguments, env, cwd]})
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = _Server.ask({"status": self.pid})
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None and (deadline is None or time.monotonic() < deadline):
            time.sleep(0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class _Server:
    """The build's one fork server, started at the first kernel; requests and answers are
    lines of JSON (its standard input; a pipe of its own for the answers)."""

    _lock = threading.Lock()
    _process: subprocess.Popen | None = None
    _answers = None

    @classmethod
    def ask(cls, request: dict) -> Any:
        with cls._lock:
            if cls._process is None:
                cls._start()
            cls._process.stdin.write(json.dumps(request) + "\n")
            cls._process.stdin.flush()
            answer = cls._answers.readline()
        if not answer:
            raise RuntimeError("the kernel fork server stopped; see the messages above")
        return json.loads(answer)

    @classmethod
    def _start(cls) -> None:
        """Once per build; a session of its own, so that Ctrl-C reaches the build, which then
        closes the server's input (a server that stopped is not started again: the kernels
        it forked would be lost from view)."""
        read, write = os.pipe()
        command = [sys.executable, __file__, str(write)]  # not -m: that imports eenzaamheid
        cls._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, pass_fds=(write,), text=True, start_new_session=True
        )
        os.close(write)
        cls._answers = os.fdopen(read, encoding="utf-8")
        atexit.register(cls._stop)

    @classmethod
    def _stop(cls) -> None:
        """At the build's end: the server reads the end of its input and stops."""
        with cls._lock:
            if cls._process is not None:
                cls._process.stdin.close()
                cls._process.wait(timeout=10)
                cls._answers.close()
                cls._process = None


def _serve(answers: int) -> None:
    """The server: import :data:`PRELOAD`, then fork a kernel or say how one ended, per line
    of standard input, until it closes (the build ended)."""
    for name in PRELOAD:
        importlib.import_module(name)
    forked: set[int] = set()
    ended: dict[int, int] = {}
    for line in sys.stdin:
        request = json.loads(line)
        _reap(ended)
        if "fork" in request:
            pid = os.fork()
            if pid == 0:
                os.close(answers)
                _kernel(*request["fork"])
            forked.add(pid)
            ended.pop(pid, None)  # a number the system gave out again
            answer = pid
        else:  # running: None; ended: its exit code; not forked here: -1, as ended
            pid = request["status"]
            answer = ended.get(pid, None if pid in forked else -1)
        os.write(answers, (json.dumps(answer) + "\n").encode())


def _reap(ended: dict[int, int]) -> None:
    """The exit codes of kernels that ended (as ``Popen.returncode``: minus the signal)."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        ended[pid] = os.waitstatus_to_exitcode(status)


def _kernel(arguments: list[str], env: dict[str, str], cwd: str) -> None:
    """In the forked process: ``python -m ipykernel_launcher <arguments>`` in ``cwd`` with
    ``env``; never returns to the server's loop."""
    code = 1
    try:
        os.setsid()  # its own process group, as the provisioner's signals expect
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)  # not the server's requests
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        import matplotlib
        from ipykernel import kernelapp

        # What these two read from the environment when the server imported them: a kernel
        # draws with ipykernel's backend unless its environment names another, and watches
        # its parent, the server (it stops when the server does; no "connect another client"
        # note). The working folder is not on sys.path: IPython adds it, as for any kernel.
        matplotlib.rcParams["backend"] = env.get("MPLBACKEND", INLINE)
        sys.argv = ["ipykernel_launcher", *arguments, f"--IPKernelApp.parent_handle={os.getppid()}"]
        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()  # as an interpreter would, before it exits with 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    sys.path.pop(0)  # this file's folder: nothing there is a library to preload
    _serve(int(sys.argv[1]))
