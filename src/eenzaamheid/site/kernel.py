"""The kernel client the main job runs notebooks with: jupyter_client's own, waiting for the
kernel's messages in short polls.

pyzmq's asyncio poll now and then misses the wake-up for a message that has arrived (seen on
``10_verkenner``, whose last cell sends hundreds of widget messages: about one run in 50).
The message is then read only when the poll times out, and nbclient waits for an execute reply
with the whole cell timeout: the run stalled for 120 s and then went on as if nothing happened
(the same as nbclient issue #312). In polls of :data:`POLL` seconds a missed wake-up costs at
most that long; the deadline the caller gave stays the same."""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

POLL = 0.5  # seconds: the longest a missed wake-up delays a message


class ShortPollChannel(AsyncZMQSocketChannel):
    """A channel whose ``get_msg`` waits in polls of at most :data:`POLL` seconds, until the
    caller's ``timeout`` (``None``: for ever; 0 or less: one poll that does not wait)."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                return await super().get_msg(POLL if left is None else min(POLL, left))
            except Empty:
                if left is not None and left <= POLL:
                    raise


class ShortPollClient(AsyncKernelClient):
    """jupyter_client's asynchronous client, reading shell and IOPub in short polls."""

    shell_channel_class = Type(ShortPollChannel)
    iopub_channel_class = Type(ShortPollChannel)
